"""Ticks of the time axis for a visible span: calendar dates or days, months and years
from the anchor, at steps a reader counts in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from desktop.core.model import LANGS
from desktop.core.timeline.breaks import drawn_x, real_day, segments
from desktop.core.timeline.build import axis_unit_for
from desktop.core.timeline.clock import LABELS, month_short, unit_label
from desktop.core.timeline.layout import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    EPOCH,
    MAX_TICKS,
    Tick,
    TimelineLayout,
)

_CAL_STEPS = (("day", (1, 2, 5, 10)), ("month", (1, 2, 3, 6)),
              ("year", (1, 2, 5, 10, 20, 50, 100)))
_REL_STEPS = {"day": (("day", (1, 2, 5, 10, 20, 50, 100)),),
              "month": (("month", (1, 2, 3, 6, 12, 24)),),
              "year": (("year", (1, 2, 5, 10, 20, 50)),)}
_UNIT_DAYS = {"day": 1.0, "month": DAYS_PER_MONTH, "year": DAYS_PER_YEAR}


def _pick_step(span_days: float, table: tuple[tuple[str, tuple[int, ...]], ...]
               ) -> tuple[str, int]:
    """The finest unit and step that puts at most ``MAX_TICKS`` ticks over the span."""
    for unit, steps in table:
        for step in steps:
            if span_days / (step * _UNIT_DAYS[unit]) <= MAX_TICKS:
                return unit, step
    unit, steps = table[-1]
    step = steps[-1]
    while span_days / (step * _UNIT_DAYS[unit]) > MAX_TICKS:
        step *= 2
    return unit, step


def ticks(layout: TimelineLayout, span_days: float, lang: str | None = None, *,
          x_min: float | None = None, x_max: float | None = None) -> tuple[Tick, ...]:
    """x-axis ticks for a view ``span_days`` wide (the zoom), between ``x_min`` and
    ``x_max`` (default: the layout's extent): days, months or years, with month names
    in the language; relative axes count from the anchor (``D+`` for a transplant)."""
    lang = lang or layout.lang
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if not span_days > 0:
        raise ValueError(f"span_days must be positive, got {span_days!r}")
    lo = layout.x_min if x_min is None else x_min
    hi = layout.x_max if x_max is None else x_max
    if layout.breaks:  # each part outside the breaks in its real days; none inside one
        out: list[Tick] = []
        for a, b in segments(layout.breaks, lo, hi):
            real = _ticks(layout, span_days, lang, real_day(layout.breaks, a),
                          real_day(layout.breaks, b))
            out += [Tick(drawn_x(layout.breaks, t.pos), t.label) for t in real]
        return tuple(out)
    return _ticks(layout, span_days, lang, lo, hi)


def _ticks(layout: TimelineLayout, span_days: float, lang: str, lo: float, hi: float
           ) -> tuple[Tick, ...]:
    if layout.anchor == "calendar":
        unit, step = _pick_step(span_days, _CAL_STEPS)
        return tuple(_calendar_ticks(lo, hi, unit, step, lang))
    unit, step = _pick_step(span_days, _REL_STEPS[axis_unit(layout, span_days)])
    size = step * _UNIT_DAYS[unit]
    first, last = math.ceil(lo / size), math.floor(hi / size)
    return tuple(Tick(k * size, unit_label(k * step, layout.anchor, lang, unit))
                 for k in range(first, last + 1))


def axis_unit(layout: TimelineLayout, span_days: float) -> str:
    """The one unit of a relative axis over ``span_days``: days near the anchor, months
    over a few years, years beyond ("" for the calendar)."""
    return axis_unit_for(layout.anchor, span_days)


def axis_title(layout: TimelineLayout, span_days: float, lang: str | None = None) -> str:
    """The axis title naming the unit its ticks count in (``Months from transplant``),
    marked "≈" like ``layout.axis_title`` when the anchor date lacks the day."""
    lang = lang or layout.lang
    unit = axis_unit(layout, span_days)
    if not unit:
        return LABELS["axis_calendar"].get(lang) or ""
    title = LABELS[f"axis_{layout.anchor}_{unit}"].get(lang) or ""
    return f"≈ {title}" if layout.axis_title.startswith("≈") else title


def _calendar_ticks(lo: float, hi: float, unit: str, step: int, lang: str) -> list[Tick]:
    """Calendar ticks; the year is written on the first tick and where it changes."""
    start = date.fromordinal(max(math.ceil(lo) + EPOCH, 1))
    end = date.fromordinal(math.floor(hi) + EPOCH)
    out: list[Tick] = []
    year = None
    for d in _calendar_dates(start, end, unit, step):
        show_year = d.year != year
        year = d.year
        out.append(Tick(d.toordinal() - EPOCH, _calendar_label(d, unit, lang, show_year)))
    return out


def _calendar_dates(start: date, end: date, unit: str, step: int) -> Iterable[date]:
    if unit == "day":
        for n in range(start.toordinal(), end.toordinal() + 1):
            d = date.fromordinal(n)
            if step == 1 or ((d.day - 1) % step == 0 and d.day + step <= 32):
                yield d
        return
    months = 12 * step if unit == "year" else step
    m = start.year * 12 + start.month - 1
    m += -m % months
    if date(m // 12, m % 12 + 1, 1) < start:
        m += months
    while (d := date(m // 12, m % 12 + 1, 1)) <= end:
        yield d
        m += months


def _calendar_label(d: date, unit: str, lang: str, show_year: bool) -> str:
    if unit == "year":
        return str(d.year)
    month = month_short(d.month, lang)
    if unit == "month":
        return f"{month} {d.year}" if show_year or d.month == 1 else month
    return f"{d.day} {month} {d.year}" if show_year else f"{d.day} {month}"
