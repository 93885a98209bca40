"""Time relative to an anchor, in words: ``D+24`` from a transplant, ``day 1,234`` or
``month 7`` from a diagnosis, a range when the precision of the dates allows no more;
a day is never invented. Also the words and limits every part of de-identification shares.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from desktop.core.dates import PartialDate, Precision, day_bounds
from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS, Text

Style = Literal["days", "months", "transplant"]
AnchorKind = Literal["diagnosis", "transplant"]
STYLES: tuple[str, ...] = ("days", "months", "transplant")
ANCHORS: tuple[str, ...] = ("diagnosis", "transplant")

DATE_PLACEHOLDER = Text("[date]", "[дата]")
REMOVED = Text("[removed]", "[удалено]")
MINUS = "\u2212"
NBSP = "\u00a0"
#: A day range wider than this (a year-precision date is involved) is shown in months.
MAX_DAY_RANGE = 62
#: The reference date of a de-identified copy lands in EPOCH_YEAR … EPOCH_YEAR + 3.
EPOCH_YEAR = 2000


class DeidError(CasePresenterError, ValueError):
    """A case that cannot be de-identified safely; the message says what to fix."""


def check_lang_style(lang: str, style: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, got {style!r}")


def _signed(n: int, lang: str) -> str:
    """``−1,234`` / ``−1 234`` (no-break space), a true minus sign."""
    body = f"{abs(n):,}"
    if lang == "ru":
        body = body.replace(",", NBSP)
    return (MINUS if n < 0 else "") + body


def unit_text(n: int, lang: str, unit: str) -> str:
    """One point on the relative axis: ``D+24``, ``D0``, ``day 1,234``, ``месяц −3``."""
    if unit == "transplant":
        letter = "Д" if lang == "ru" else "D"
        sign = "" if n == 0 else ("+" if n > 0 else MINUS)
        return f"{letter}{sign}{abs(n)}"
    word = {"days": ("day", "день"), "months": ("month", "месяц")}[unit][lang == "ru"]
    return f"{word} {_signed(n, lang)}"


def _span(lo: int, hi: int, lang: str, unit: str) -> str:
    if lo == hi:
        return unit_text(lo, lang, unit)
    return f"{unit_text(lo, lang, unit)} – {unit_text(hi, lang, unit)}"


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _whole_months(a: date, b: date) -> int:
    """Whole months from ``a`` to ``b``, floored (negative when ``b`` is earlier)."""
    return _month_index(b) - _month_index(a) - (1 if b.day < a.day else 0)


def _month_label(first: PartialDate, last: PartialDate, anchor: PartialDate,
                 lang: str) -> tuple[str, bool]:
    """The months label and whether it is an estimate (calendar months, not elapsed)."""
    if first == last and first.precision is Precision.DAY and anchor.precision is Precision.DAY:
        return unit_text(_whole_months(anchor.start(), first.start()), lang, "months"), False
    lo = _month_index(first.start()) - _month_index(anchor.end())
    hi = _month_index(last.end()) - _month_index(anchor.start())
    return _span(lo, hi, lang, "months"), lo == hi


def span_label(first: PartialDate, last: PartialDate, anchor: PartialDate, lang: str,
               style: str) -> str:
    """The relative label of the period ``first`` … ``last`` (one date: first == last)."""
    approx = first.approximate or last.approximate or anchor.approximate
    if style == "months":
        body, estimate = _month_label(first, last, anchor, lang)
    else:
        lo, hi = day_bounds(anchor, first)[0], day_bounds(anchor, last)[1]
        if hi - lo > MAX_DAY_RANGE:
            body, estimate = _month_label(first, last, anchor, lang)
        else:
            body, estimate = _span(lo, hi, lang, style), False
    return ("≈ " if approx or estimate else "") + body


def relative_label(d: PartialDate, anchor_date: PartialDate | None, lang: str,
                   style: Style = "days") -> str:
    """``d`` as time from the anchor: ``D+24``, ``D−21``, ``day 1,234``, ``≈ month 42``,
    ``D+114 – D+144``; ``[date]`` / ``[дата]`` without an anchor, never a wrong number."""
    check_lang_style(lang, style)
    if anchor_date is None:
        return DATE_PLACEHOLDER.get(lang) or ""
    return span_label(d, d, anchor_date, lang, style)
