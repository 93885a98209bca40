"""What must never show in de-identified output: every written form of a date and the
identifying strings of a case, for the checks of the screen, the PDF and the slides.
"""

from __future__ import annotations

from desktop.core.dates import (
    MONTHS_EN,
    MONTHS_EN_SHORT,
    MONTHS_RU,
    MONTHS_RU_GEN,
    MONTHS_RU_PREP,
    PartialDate,
    Precision,
)
from desktop.core.deid.text_dates import identifier_tokens
from desktop.core.deid.view import dates_in
from desktop.core.model import LANGS, Case


def _month_forms(d: PartialDate) -> list[str]:
    assert d.month is not None
    i, y = d.month - 1, d.year
    return [f"{y}-{d.month:02d}", f"{d.month:02d}.{y}", f"{d.month:02d}/{y}",
            f"{MONTHS_EN[i]} {y}", f"{MONTHS_EN_SHORT[i]} {y}", f"{MONTHS_RU[i]} {y}",
            f"{MONTHS_RU_PREP[i]} {y}", f"{MONTHS_RU_GEN[i]} {y}"]


def _day_forms(d: PartialDate) -> list[str]:
    assert d.month is not None and d.day is not None
    i, y, mo, dd = d.month - 1, d.year, d.month, d.day
    full, short, gen = MONTHS_EN[i], MONTHS_EN_SHORT[i], MONTHS_RU_GEN[i]
    return [f"{y}-{mo:02d}-{dd:02d}", f"{dd:02d}.{mo:02d}.{y}", f"{dd}.{mo}.{y}",
            f"{dd:02d}/{mo:02d}/{y}", f"{dd} {short} {y}", f"{dd} {full} {y}",
            f"{full} {dd}, {y}", f"{short} {dd}, {y}", f"{dd} {gen} {y}",
            f"{dd} {full}", f"{dd} {short}", f"{full} {dd}", f"{dd} {gen}", f"{dd:02d}.{mo:02d}."]


def date_forms(d: PartialDate) -> list[str]:
    """How a date may be written, down to the month. A bare year is left out: protocol
    names and citations carry years too."""
    forms: list[str] = []
    if d.precision is Precision.DAY:
        forms += _day_forms(d)
    if d.month is not None:
        forms += _month_forms(d)
    return forms


def identifying_strings(case: Case) -> list[str]:
    """Every string that must not appear in de-identified output (compare ignoring
    case): initials, record number, the birth date as displayed, and every date of
    the case in ISO, numeric and month-name forms in both languages."""
    pt = case.patient
    out = identifier_tokens(pt.initials, pt.record_number)
    if pt.birth_date is not None:
        out += [pt.birth_date.display(lang) for lang in LANGS]
    for d in dates_in(case):
        out += date_forms(d)
    return list(dict.fromkeys(out))
