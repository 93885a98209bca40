"""One lane per case: its therapies as bars packed into a few sub-rows, its events as
markers on one row, and its measurements in the track strip, all in days from D0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core import deid, palette, vocab
from desktop.core.dates import PartialDate
from desktop.core.model import Case, Therapy
from desktop.core.series import track as tracks
from desktop.core.series.layout import (
    BAR_THICKNESS,
    TRACK_ROWS,
    SeriesBar,
    SeriesLane,
    SeriesMarker,
    TrackPoint,
)
from desktop.core.timeline import fmt_number

Scrub = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Aligned:
    """A case, its D0 and how its free text is shown (scrubbed when de-identified)."""

    case: Case
    anchor: PartialDate
    lang: str
    scrub: Scrub

    @property
    def origin(self) -> int:
        return self.anchor.start().toordinal()

    def span(self, d: PartialDate) -> tuple[int, int]:
        """First and last day of ``d`` from D0."""
        first = d.start().toordinal() - self.origin
        return (first, first) if d.day is not None else (first, d.end().toordinal() - self.origin)

    def when(self, d: PartialDate) -> str:
        """``D+24``, ``≈ D−30 – D0``: relative time only, as ``deid`` writes it."""
        return deid.relative_label(d, self.anchor, self.lang, "transplant")

    def name(self, t: Therapy) -> str:
        return self.scrub(vocab.text_or_missing(t.name, self.lang))


def extent(a: Aligned) -> tuple[float, float]:
    """First and last day of anything dated in the case, from D0 (0, 0 when nothing)."""
    spans = [a.span(t.start) for t in a.case.therapies if t.start is not None]
    spans += [a.span(t.end) for t in a.case.therapies if t.end is not None]
    spans += [a.span(e.date) for e in a.case.events]
    spans += [a.span(m.date) for m in a.case.measurements]
    if a.case.diagnosis.date is not None:
        spans.append(a.span(a.case.diagnosis.date))
    if not spans:
        return 0.0, 0.0
    return float(min(s[0] for s in spans)), float(max(s[1] for s in spans) + 1)


def _geometry(t: Therapy, a: Aligned, right: float
              ) -> tuple[float, float, tuple[float, float] | None]:
    """x0, x1 and the certain part of a therapy (the single timeline's rule)."""
    s0, s1 = a.span(t.start)  # type: ignore[arg-type]
    if t.ongoing:
        return s0, right, (s1, right)
    if t.end is None:
        return s0, s1 + 1, ((s0, s0 + 1) if s0 == s1 else None)
    e0, e1 = a.span(t.end)
    solid = (s1, e0 + 1) if s1 < e0 + 1 else None
    return s0, max(e1 + 1, s0 + 1), solid


def _tooltip(t: Therapy, a: Aligned, name: str) -> str:
    lang = a.lang
    end = (vocab.field("ongoing", lang) if t.ongoing else
           a.when(t.end) if t.end is not None else vocab.field("not_reported", lang))
    lines = [f"{a.case.code}: {name}", vocab.label(vocab.THERAPY_CATEGORIES, t.category, lang),
             f"{a.when(t.start)} – {end}"]  # type: ignore[arg-type]
    if t.response:
        lines.append(f"{vocab.field('response', lang)}: "
                     f"{vocab.label(vocab.RESPONSES, t.response, lang)}")
    return "\n".join(lines)


def short_name(name: str) -> str:
    """The name before any bracket or colon ("Donor lymphocyte infusion (CD3+ …)" →
    "Donor lymphocyte infusion"): a bar label in a series is read at a glance; the whole
    name stays in the tooltip and the case's own timeline."""
    for sep in (" (", ": "):
        head = name.split(sep, 1)[0].strip()
        if len(head) >= 3:
            name = head
    return name


def _labelled(geoms: list[tuple[float, float, tuple[float, float] | None]],
              labels: list[str], dpc: float, max_rows: int, right: float
              ) -> tuple[list[tuple[str, float]], list[int]]:
    """(label place, label x) and sub-row of each bar. First fit in start order: a bar
    goes with its label to the first row where both fit, or to a new row while there
    are fewer than ``max_rows``; else its label gives way (kept in the tooltip) and the
    bar goes where it fits alone. A label runs after its bar, or before it near the
    right edge, or inside when it fits there."""
    wanted: list[tuple[str, float, tuple[float, float]]] = []
    for label, (x0, x1, solid) in zip(labels, geoms, strict=True):
        width = (len(label) + 1) * dpc
        if solid and width <= solid[1] - solid[0]:
            wanted.append(("inside", solid[0] + dpc / 2, (x0, x1)))
        elif x1 + width <= right:
            wanted.append(("after", x1 + dpc / 2, (x0, x1 + width)))
        else:
            wanted.append(("before", x0 - width + dpc / 2, (x0 - width, x1)))
    taken: list[list[tuple[float, float]]] = []
    places: list[tuple[str, float]] = [("none", 0.0)] * len(geoms)
    rows = [0] * len(geoms)

    def free(row: list[tuple[float, float]], span: tuple[float, float]) -> bool:
        return all(b <= span[0] or a >= span[1] for a, b in row)

    for i in sorted(range(len(geoms)), key=lambda j: geoms[j][:2]):
        pos, lx, span = wanted[i]
        bar = (geoms[i][0], geoms[i][1])
        r = next((r for r, row in enumerate(taken) if free(row, span)), -1)
        if r < 0 and len(taken) < max_rows:
            r = len(taken)
            taken.append([])
        if r < 0:
            pos, span = "none", bar
            r = next((r for r, row in enumerate(taken) if free(row, bar)), len(taken))
            if r == len(taken):
                taken.append([])
        taken[r].append(span)
        places[i], rows[i] = (pos, lx), r
    return places, rows


def _bars(k: int, a: Aligned, y: float, right: float, dpc: float, max_rows: int
          ) -> tuple[list[SeriesBar], int]:
    items = [(i, t) for i, t in enumerate(a.case.therapies) if t.start is not None]
    geoms = [_geometry(t, a, right) for _, t in items]
    names = [a.name(t) for _, t in items]
    labels = [short_name(n) for n in names]
    places, rows = _labelled(geoms, labels, dpc, max_rows, right)
    bars = []
    for (i, t), (x0, x1, solid), name, label, (pos, lx), row in zip(
            items, geoms, names, labels, places, rows, strict=True):
        colour = palette.therapy_colour(t.category)
        ink = palette.text_on(colour) if pos == "inside" else palette.readable_on_white(colour)
        approx = bool(t.start and t.start.approximate) or bool(t.end and t.end.approximate)
        bars.append(SeriesBar(k, i, t.category, row, y + row + 0.5, x0, x1, solid, t.ongoing,
                              approx, colour, label, lx, pos, ink, _tooltip(t, a, name)))
    return bars, (max(rows) + 1 if rows else 1)


def _markers(k: int, a: Aligned, y: float) -> list[SeriesMarker]:
    lang = a.lang
    dots = [(i, e.type, e.date, vocab.text_or_missing(e.label, lang) if e.label.en
             or e.label.ru else "") for i, e in enumerate(a.case.events)]
    dx = a.case.diagnosis.date
    if dx is not None and not any(e.type == "diagnosis" for e in a.case.events):
        dots.append((-1, "diagnosis", dx, vocab.text_or_missing(a.case.diagnosis.name, lang)))
    out = []
    for i, etype, d, text in dots:
        s0, s1 = a.span(d)
        st = palette.event_style(etype)
        kind = vocab.label(vocab.EVENT_TYPES, etype, lang)
        tip = "\n".join(x for x in (f"{a.case.code}: {kind}", a.scrub(text), a.when(d)) if x)
        out.append(SeriesMarker(k, i, etype, (s0 + s1 + 1) / 2, (float(s0), float(s1 + 1)),
                                y, st.symbol, st.colour, d.approximate, tip))
    return out


def _points(k: int, a: Aligned, kinds: tuple[str, ...], top: float,
            rng: tuple[float, float]) -> list[TrackPoint]:
    out = []
    for m in tracks.measured(a.case, kinds):
        s0, s1 = a.span(m.date)
        sym = tracks.style(m.kind).symbol
        if m.value is not None:
            f, hollow = tracks.fraction(m.value, rng), m.value <= 0
            shown = fmt_number(m.value, a.lang) + (f" {m.unit}" if m.unit else "")
        else:
            f, hollow = (1.0 if m.result == "negative" else 0.5), True
            sym = palette.RESULT_SYMBOLS.get(m.result or "", sym)
            shown = vocab.field(m.result, a.lang) if m.result in vocab.FIELDS else str(m.result)
        kind = vocab.label(vocab.MEASUREMENT_KINDS, m.kind, a.lang)
        tip = f"{a.case.code}: {kind}: {shown}\n{a.when(m.date)}"
        out.append(TrackPoint(k, (s0 + s1 + 1) / 2, (float(s0), float(s1 + 1)),
                              top + f * TRACK_ROWS, m.value, hollow, sym, tip))
    return out


def build_lane(k: int, a: Aligned, y: float, *, right: float, dpc: float,
               kinds: tuple[str, ...] | None, rng: tuple[float, float] | None, note: str,
               max_rows: int
               ) -> tuple[SeriesLane, list[SeriesBar], list[SeriesMarker], list[TrackPoint]]:
    """Lane ``k`` of the series at ``y``: bars, a marker row under them, the track."""
    bars, rows = _bars(k, a, y, right, dpc, max_rows)
    marker_y = y + rows + 0.5
    markers = _markers(k, a, marker_y)
    height = rows + 1.0
    track_y = None
    points: list[TrackPoint] = []
    if kinds is not None and rng is not None:
        track_y = y + height + 0.15
        points = _points(k, a, kinds, track_y, rng)
        height += TRACK_ROWS + 0.15
    title = a.scrub(a.case.title.get(a.lang) or "")
    lane = SeriesLane(a.case.code, title, note, y, height, rows, marker_y, track_y, extent(a))
    return lane, bars, markers, points


__all__ = ["BAR_THICKNESS", "Aligned", "build_lane", "extent"]
