"""Numbers taken from a study, exactly: the measure both studies share, the hottest
lesion, reference regions, and the change between two values (``Decimal``, never a float
accident). ``None`` means not reported, and nothing is computed from it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from desktop.core.model import Lesion, PetStudy, Text
from desktop.core.pet.results import SULMAX, SULPEAK, SUVMAX, Number, PetError, ResponseResult
from desktop.core.pet.words import PHRASES, Role, bilingual, fmt_num, fmt_pct, fmt_signed


def as_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def opt_decimal(value: Number | None) -> Decimal | None:
    return None if value is None else as_decimal(value)


def _dec(value: float | None, where: Callable[[], str]) -> Decimal | None:
    """The stored value as an exact decimal; a negative or non-finite value names its field."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or value < 0:
        raise PetError("bad_stored", where=where(), value=value)
    return Decimal(repr(value))


def reference_value(study: PetStudy, field: str, role: Role) -> Decimal | None:
    return _dec(getattr(study, field), lambda: f"{role} PET {study.date.iso()} {field}")


def _lesion_value(lesion: Lesion, measure: str) -> float | None:
    return {SULPEAK: lesion.sul_peak, SULMAX: lesion.sul_max, SUVMAX: lesion.suv_max}[measure]


def choose_measure(*studies: PetStudy) -> str | None:
    """SULpeak (PERCIST's measure) when every valued lesion has it, else SULmax when every one
    has that, else None: the hottest lesion is only found on one measure across both studies."""
    valued = [x for s in studies for x in s.lesions
              if x.sul_peak is not None or x.sul_max is not None]
    if all(x.sul_peak is not None for x in valued):
        return SULPEAK
    if all(x.sul_max is not None for x in valued):
        return SULMAX
    return None


def lesion_decimal(lesion: Lesion | None, measure: str | None, study: PetStudy, role: Role
                   ) -> Decimal | None:
    if lesion is None or measure is None:
        return None
    return _dec(_lesion_value(lesion, measure),
                lambda: f"{role} PET {study.date.iso()} lesion {lesion.id!r} {measure}")


def hottest_value(study: PetStudy, measure: str | None, role: Role) -> Decimal | None:
    """The hottest lesion's value (PERCIST: it may be a different lesion at follow-up)."""
    values = (lesion_decimal(x, measure, study, role) for x in study.lesions)
    return max((d for d in values if d is not None), default=None)


def change_of(before: Decimal | None, after: Decimal | None
              ) -> tuple[Decimal | None, Decimal | None]:
    if before is None or after is None:
        return None, None
    diff = after - before
    return diff, (diff * 100 / before if before else None)


def as_float(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


def measure_head(measure: str | None, b: Decimal | None, a: Decimal | None, lang: str,
                 with_change: bool) -> str:
    """"SULpeak 7.8 → 3.1 (−60.3 %, −4.7 SUL)"; a side not reported says so."""
    if measure is None or (b is None and a is None):
        return ""
    nr = PHRASES["not_reported"].get(lang)
    s = f"{measure} {fmt_num(b, lang) if b is not None else nr} → " \
        f"{fmt_num(a, lang) if a is not None else nr}"
    diff, pct = change_of(b, a)
    if with_change and diff is not None:
        share = fmt_pct(pct, lang) + " %, " if pct is not None else ""
        s += f" ({share}{fmt_signed(diff, lang)} SUL)"
    return s


def response_result(criteria: str, category: str | None, measure: str | None, b: Decimal | None,
                    a: Decimal | None, missing: list[Text], explain: Callable[[str], str],
                    computed: bool = True) -> ResponseResult:
    diff, pct = change_of(b, a) if computed else (None, None)
    return ResponseResult(criteria, category, measure, as_float(b), as_float(a),
                          as_float(diff), as_float(pct), tuple(missing), bilingual(explain))
