"""``build_series``: several cases on one time axis, aligned on the day that matters.

Every case with the anchor gets a lane, in rank order; a case without it is listed by
code under the figure (``unaligned``), never dropped; a case the filter leaves out is
named too (``filtered``). Relative time only, whatever ``anonymize`` says; with
``anonymize`` (the default) free text is scrubbed by ``deid.DeidView`` as everywhere.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from desktop.core import deid, palette, vocab
from desktop.core.dates import Precision
from desktop.core.model import LANGS, Case, Text
from desktop.core.series import track as tracks
from desktop.core.series.anchors import Anchor, find_anchor, parse_anchor
from desktop.core.series.lanes import Aligned, Scrub, build_lane, extent
from desktop.core.series.layout import (
    DEFAULT_CHARS_ACROSS,
    LANE_GAP,
    MARGIN_DAYS,
    MARGIN_FRACTION,
    MAX_BAR_ROWS,
    MIN_BAR_ROWS,
    ROW_BUDGET,
    TRACK_ROWS,
    LegendItem,
    SeriesBar,
    SeriesLayout,
    SeriesMarker,
    Tick,
    TrackPoint,
    Unaligned,
)
from desktop.core.series.rank import SeriesFilter, ranked
from desktop.core.series.table import headers, row_of, unaligned_row
from desktop.core.series.words import word
from desktop.core.timeline import TimelineLayout, axis_label, ticks


def _scrubber(case: Case, lang: str, anonymize: bool) -> Scrub:
    if not anonymize:
        return lambda s: s
    view = deid.DeidView(case)
    return lambda s: view.text(s, lang) or ""


def _note(a: Aligned, anchor: Anchor) -> str:
    d = a.anchor
    if d.precision is Precision.DAY and not d.approximate:
        return ""
    unit = "year" if d.precision is Precision.YEAR else "month"
    if d.precision is Precision.DAY:
        return "≈ " + axis_label(0, "transplant", a.lang)
    return word("approx_anchor", a.lang, precision=word(unit, a.lang))


def build_series(cases: Iterable[Case], anchor: str | Anchor, *, lang: str = "en",
                 anonymize: bool = True, track: str | None = None, rank: str = "code",
                 keep: SeriesFilter | None = None, title: Text | None = None,
                 days_per_char: float | None = None, row_budget: int = ROW_BUDGET
                 ) -> SeriesLayout:
    """The series of ``cases`` aligned on ``anchor`` (a spec or ``Anchor``).
    ``days_per_char`` is a label character's width at the size it will be drawn;
    ``row_budget`` the bar sub-rows all lanes together may take to show labels."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    was = gc.isenabled()
    gc.disable()  # many small objects that all survive: a collection finds nothing
    try:
        return _build(list(cases), parse_anchor(anchor) if isinstance(anchor, str) else anchor,
                      lang, anonymize, track, rank, keep or SeriesFilter(), title,
                      days_per_char, row_budget)
    finally:
        if was:
            gc.enable()


def _build(cases: list[Case], anchor: Anchor, lang: str, anonymize: bool, track: str | None,
           rank: str, keep: SeriesFilter, title: Text | None, dpc: float | None,
           row_budget: int) -> SeriesLayout:
    kinds = tracks.track_kinds(track) if track else None
    aligned, missing, filtered = [], [], []
    for c in cases:
        if not keep.keeps(c):
            filtered.append(c.code)
            continue
        scrub = _scrubber(c, lang, anonymize)
        d = find_anchor(c, anchor)
        if d is None:
            missing.append(Unaligned(c.code, scrub(c.title.get(lang) or "")))
        else:
            aligned.append(Aligned(c, d, lang, scrub))
    aligned = ranked(aligned, rank)
    spans = [extent(a) for a in aligned] or [(0.0, 0.0)]
    lo, hi = min(min(s[0] for s in spans), 0.0), max(max(s[1] for s in spans), 0.0)
    margin = max((hi - lo) * MARGIN_FRACTION, MARGIN_DAYS)
    x_min, x_max = lo - margin, hi + margin
    dpc = dpc or (x_max - x_min) / DEFAULT_CHARS_ACROSS
    rng = None
    if kinds is not None:
        values = [m.value for a in aligned for m in tracks.measured(a.case, kinds)
                  if m.value is not None]
        rng = tracks.value_range(values)
    max_rows = max(MIN_BAR_ROWS, min(MAX_BAR_ROWS, row_budget // max(len(aligned), 1)))
    lanes, bars, markers, points = [], [], [], []
    y = 0.0
    for k, a in enumerate(aligned):
        lane, b, m, p = build_lane(k, a, y, right=x_max, dpc=dpc, kinds=kinds, rng=rng,
                                   note=_note(a, anchor), max_rows=max_rows)
        lanes.append(lane)
        bars += b
        markers += m
        points += p
        y += lane.height + LANE_GAP
    height = max(y - LANE_GAP, 0.0)
    rows = [row_of(a, anchor, lane.title) for a, lane in zip(aligned, lanes, strict=True)]
    rows += [unaligned_row(u.code, u.title, anchor, lang) for u in missing]
    probe = TimelineLayout("transplant", lang, True, x_min, x_max, height, dpc, "", (), (),
                           (), (), ())
    label = anchor.label(lang)
    unit = None
    if kinds is not None:
        units = {m.unit for a in aligned for m in tracks.measured(a.case, kinds)
                 if m.value is not None}
        unit = next(iter(units)) if len(units) == 1 else None
    track_label = ""
    if track:
        track_label = tracks.track_title(track, lang) + (f", {unit}" if unit else "")
    return SeriesLayout(
        anchor.spec(), label, lang,
        (title.get(lang) if title else None) or word("series", lang),
        x_min, x_max, height, dpc, word("axis", lang, anchor=label),
        axis_label(0, "transplant", lang),
        tuple(Tick(t.pos, t.label) for t in ticks(probe, x_max - x_min, lang)),
        tuple(lanes), tuple(bars), tuple(markers), tuple(points), track_label, rng,
        tracks.ticks(rng, unit, lang, TRACK_ROWS) if rng else (),
        _legend(bars, markers, points, lang, kinds),
        tuple(missing), word("not_aligned", lang, anchor=label),
        tuple(filtered), word("filtered", lang), headers(lang), tuple(rows))


def _legend(bars: list[SeriesBar], markers: list[SeriesMarker], points: list[TrackPoint],
            lang: str, kinds: tuple[str, ...] | None) -> tuple[LegendItem, ...]:
    """What the colours and symbols mean: only what is drawn, in vocabulary order."""
    cats = {b.category for b in bars}
    types = {m.type for m in markers}
    out = [LegendItem("therapy", c, vocab.label(vocab.THERAPY_CATEGORIES, c, lang),
                      palette.therapy_colour(c), "s")
           for c in vocab.THERAPY_CATEGORIES if c in cats]
    out += [LegendItem("therapy", c, c, palette.therapy_colour(c), "s")
            for c in sorted(cats - set(vocab.THERAPY_CATEGORIES))]
    out += [LegendItem("event", t, vocab.label(vocab.EVENT_TYPES, t, lang),
                       palette.event_style(t).colour, palette.event_style(t).symbol)
            for t in vocab.EVENT_TYPES if t in types]
    out += [LegendItem("event", t, t, palette.event_style(t).colour,
                       palette.event_style(t).symbol)
            for t in sorted(types - set(vocab.EVENT_TYPES))]
    if kinds and points:
        for k in kinds:
            st = tracks.style(k)
            out.append(LegendItem("track", k, vocab.label(vocab.MEASUREMENT_KINDS, k, lang),
                                  st.colour, st.symbol))
    return tuple(out)
