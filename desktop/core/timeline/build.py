"""``build_layout``: a case's lanes stacked top to bottom, with the x extent of what is
drawn and the title of the time axis.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial

from desktop.core import vocab
from desktop.core.dates import PartialDate, Precision
from desktop.core.model import Case, Measurement, Text, Therapy
from desktop.core.timeline.bars import Bounds, bars_lane
from desktop.core.timeline.breaks import Squeeze, empty_stretches
from desktop.core.timeline.clock import LABELS, Clock, anchor_date_of, check_args, text_unit
from desktop.core.timeline.layout import (
    DAYS_UP_TO,
    DEFAULT_CHARS_ACROSS,
    EPOCH,
    EVENTS_LANE,
    LANE_GAP,
    MARGIN_FRACTION,
    MAX_LABEL_ROWS,
    MIN_MARGIN_DAYS,
    MONTHS_UP_TO,
    THERAPY_LANES,
    Bar,
    KeyEntry,
    Lane,
    Marker,
    Ref,
    Series,
    TimelineLayout,
)
from desktop.core.timeline.legend import legend_items
from desktop.core.timeline.markers import Dot, event_dots, events_lane
from desktop.core.timeline.order import therapy_bounds
from desktop.core.timeline.series import measurement_groups, series_lane


def _extent(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """Data extent with a margin; ongoing bars end at its right edge."""
    if not spans:
        return -MIN_MARGIN_DAYS, MIN_MARGIN_DAYS
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    margin = max((hi - lo) * MARGIN_FRACTION, MIN_MARGIN_DAYS)
    return lo - margin, hi + margin


def _data_spans(therapies: list[tuple[int, Therapy]], dots: list[Dot],
                measured: list[tuple[int, Measurement]], clock: Clock
                ) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for _, t in therapies:
        a, b = clock.span(t.start)  # type: ignore[arg-type]
        spans.append((a, b + 1))
        if t.end is not None:
            spans.append((a, clock.span(t.end)[1] + 1))
    spans += [d.span for d in dots]
    spans += [clock.span(m.date) for _, m in measured]
    return spans


# --- the whole layout ---------------------------------------------------------
@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the layout is built. A large case makes
    tens of thousands of small objects that all survive, so a collection finds nothing
    to free; yet every other build of the 5,000-event bench triggered a full one over
    the case and the new layout (+20 % median). Reference counting still frees as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_layout(case: Case, *, anchor: str = "calendar", lang: str = "en",
                 anonymize: bool = False, hidden_lanes: Iterable[str] = (),
                 days_per_char: float | None = None,
                 max_label_rows: int = MAX_LABEL_ROWS,
                 shorten_gaps: bool = True) -> TimelineLayout:
    """The timeline of ``case``. ``days_per_char`` is the width of one label character
    at the zoom it will be drawn (default: the whole span across 140 characters), so
    labels are placed clear of each other; ``hidden_lanes`` are lane ids left out
    (the x extent stays that of all data, so hiding a lane does not rescale);
    ``shorten_gaps`` draws long empty stretches as axis breaks (``layout.breaks``)."""
    with _gc_paused():
        return _build_layout(case, anchor, lang, anonymize, hidden_lanes, days_per_char,
                             max_label_rows, shorten_gaps)


def _build_layout(case: Case, anchor: str, lang: str, anonymize: bool,
                  hidden_lanes: Iterable[str], days_per_char: float | None,
                  max_label_rows: int, shorten_gaps: bool) -> TimelineLayout:
    check_args(anchor, lang, anonymize)
    if days_per_char is not None and not days_per_char > 0:
        raise ValueError(f"days_per_char must be positive, got {days_per_char!r}")
    if max_label_rows < 1:
        raise ValueError(f"max_label_rows must be at least 1, got {max_label_rows!r}")
    anchor_date = anchor_date_of(case, anchor)
    origin = anchor_date.start().toordinal() if anchor_date else EPOCH
    clock = Clock(origin, anchor, anchor_date, lang, anonymize)
    dated = [(i, t) for i, t in enumerate(case.therapies) if t.start is not None]
    measured = [(i, m) for i, m in enumerate(case.measurements)
                if m.value is not None or m.result]  # nothing to draw otherwise
    dots = event_dots(case, clock)  # spans only: the same in any unit
    spans = _data_spans(dated, dots, measured, clock)
    x_min, x_max = _extent(spans)
    clock = replace(clock, unit=text_unit(anchor, x_max - x_min), _texts={},
                    _whens={})
    squeeze = _squeeze(spans, dated, clock, anchor) if shorten_gaps else None
    if squeeze is not None:  # long empty stretches shortened: the layout in drawn x
        clock = replace(clock, squeeze=squeeze, _texts={}, _whens={})
        dots = event_dots(case, clock)
        x_min, x_max = _extent(_data_spans(dated, dots, measured, clock))
    dpc = days_per_char or (x_max - x_min) / DEFAULT_CHARS_ACROSS
    hidden = {hidden_lanes} if isinstance(hidden_lanes, str) else set(hidden_lanes)
    bounds = therapy_bounds(dated, clock)
    key: list[KeyEntry] = []
    plan = _lane_plan(dated, dots, measured, clock, (x_min, x_max), dpc, max_label_rows,
                      bounds, key)
    lanes, items, height = _stack(build for lane_id, build in plan if lane_id not in hidden)
    undated = tuple(Ref("therapy", i) for i, t in enumerate(case.therapies) if t.start is None)
    bars = tuple(x for x in items if isinstance(x, Bar))
    markers = tuple(x for x in items if isinstance(x, Marker))
    series = tuple(x for x in items if isinstance(x, Series))
    unit = axis_unit_for(anchor, x_max - x_min)
    return TimelineLayout(
        anchor, lang, anonymize, x_min, x_max, height, dpc,
        _axis_title(anchor_date, anchor, lang, unit), tuple(lanes), bars, markers, series,
        undated, tuple(key),
        legend_items(bars, {d.type for d in dots} if markers else (), series, lang),
        tuple(b.note for b in bars if b.note), clock.unit,
        squeeze.breaks() if squeeze is not None else ())


def _squeeze(spans: list[tuple[float, float]], dated: list[tuple[int, Therapy]],
             clock: Clock, anchor: str) -> Squeeze | None:
    """The shortening of the long empty stretches, if any: an ongoing therapy fills the
    course from its start; the part holding the anchor (the first date on the calendar)
    stays where it is."""
    if len(spans) < 2:
        return None
    hi = max(b for _, b in spans)
    filled = spans + [(clock.span(t.start)[0], hi) for _, t in dated  # type: ignore[arg-type]
                      if t.ongoing]
    gaps = empty_stretches(filled)
    lo = min(a for a, _ in spans)
    return Squeeze.of(gaps, hi - lo, lo if anchor == "calendar" else 0.0)


_Build = Callable[[float], tuple[Lane, Sequence[Bar | Marker | Series]]]


def _lane_plan(dated: list[tuple[int, Therapy]], dots: list[Dot],
               measured: list[tuple[int, Measurement]], clock: Clock,
               extent: tuple[float, float], dpc: float, max_label_rows: int,
               bounds: dict[int, Bounds], key: list[KeyEntry]) -> list[tuple[str, _Build]]:
    """The lanes with something to draw, in their fixed order: (lane id, builder at y).
    The events lane fills ``key`` with its callouts when it is built."""
    plan: list[tuple[str, _Build]] = []
    x_min, x_max = extent
    for suffix, cats in THERAPY_LANES:
        mine = [(i, t) for i, t in dated if _therapy_lane(t.category) == suffix]
        if mine:
            lane_id = f"therapy:{suffix}"
            plan.append((lane_id, partial(bars_lane, lane_id, _therapy_title(cats), mine,
                                          clock=clock, right_edge=x_max, dpc=dpc,
                                          bounds=bounds)))
    if dots:
        def events(y: float) -> tuple[Lane, Sequence[Marker]]:
            lane, markers, entries = events_lane(dots, y, clock=clock, dpc=dpc,
                                                 max_rows=max_label_rows, right_edge=x_max,
                                                 left_edge=x_min)
            key.extend(entries)
            return lane, markers
        plan.append((EVENTS_LANE, events))
    for suffix, kinds, scale in measurement_groups(measured):
        mine_m = [(i, m) for i, m in measured if m.kind in kinds]
        plan.append((f"measure:{suffix}", partial(series_lane, suffix, kinds, scale, mine_m,
                                                  clock=clock)))
    return plan


def _stack(builds: Iterable[_Build]) -> tuple[list[Lane], list[Bar | Marker | Series], float]:
    """Lanes one under another with a gap; returns lanes, their items and total height."""
    lanes: list[Lane] = []
    items: list[Bar | Marker | Series] = []
    y = 0.0
    for build in builds:
        lane, new = build(y)
        lanes.append(lane)
        items += new
        y += lane.height + LANE_GAP
    return lanes, items, max(y - LANE_GAP, 0.0)


def axis_unit_for(anchor: str, span_days: float) -> str:
    """The unit a relative axis over ``span_days`` counts in ("" for the calendar)."""
    if anchor == "calendar":
        return ""
    if span_days <= DAYS_UP_TO:
        return "day"
    return "month" if span_days <= MONTHS_UP_TO else "year"


def _axis_title(anchor_date: PartialDate | None, anchor: str, lang: str, unit: str) -> str:
    """The x-axis title naming its unit, marked "≈" when the anchor date lacks the day."""
    title = LABELS[f"axis_{anchor}_{unit}" if unit else f"axis_{anchor}"].get(lang) or ""
    exact = anchor_date is None or (anchor_date.precision is Precision.DAY
                                    and not anchor_date.approximate)
    return title if exact else f"≈ {title}"


def _therapy_lane(category: str) -> str:
    """The lane suffix of a category; an unknown category goes to "other"."""
    return next((s for s, cats in THERAPY_LANES if category in cats), "other")


def _therapy_title(categories: tuple[str, ...]) -> Text:
    titles = [vocab.THERAPY_CATEGORIES[c] for c in categories]
    return Text(" / ".join(t.en or "" for t in titles), " / ".join(t.ru or "" for t in titles))
