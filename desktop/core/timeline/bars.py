"""Therapies as bars: the days each covers (a partial date keeps its whole period as
uncertainty, not treatment time), its label and where the label fits.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core import palette, vocab
from desktop.core.model import Text, Therapy
from desktop.core.timeline.clock import LABELS, Clock, text_of
from desktop.core.timeline.layout import BAR_THICKNESS, SINGLE_DOSE, Bar, Lane, Ref
from desktop.core.timeline.packing import pack_rows


@dataclass(frozen=True, slots=True)
class _Geometry:
    x0: float
    x1: float
    solid: tuple[float, float] | None
    start_range: tuple[float, float]
    end_range: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class Bounds:
    """Where the order the case states puts a therapy: its start range and the latest
    end edge (a transplant listed after it), and the names that bound it, for the note."""

    start: tuple[float, float] | None = None
    end_max: float | None = None
    after: str = ""
    before: str = ""


def is_point(t: Therapy) -> bool:
    """A therapy given once (a transplant, a cell infusion) on one date: a point."""
    return t.category in SINGLE_DOSE and not t.ongoing and (t.end is None or t.end == t.start)


def _geometry(t: Therapy, clock: Clock, right_edge: float, bounds: Bounds) -> _Geometry:
    """Where a therapy is drawn: certain part solid, partial-date periods faded (within
    the order the case states); a therapy given once is a point over its uncertainty."""
    s0, s1 = bounds.start or clock.span(t.start)  # type: ignore[arg-type]  # dated only
    end = None
    if t.end is not None:
        e0, e1 = clock.span(t.end)
        end = (float(e0 + 1), float(e1 + 1))
        if bounds.end_max is not None and end[0] <= bounds.end_max < end[1]:
            end = (end[0], bounds.end_max)
        end = (max(end[0], s0 + 1), max(end[1], s0 + 1))
    if is_point(t):
        solid = (s0, s0 + 1) if s0 == s1 else None
        return _Geometry(s0, s1 + 1, solid, (s0, s1), None)
    if t.ongoing:
        return _Geometry(s0, right_edge, (s1, right_edge), (s0, s1), end)
    if end is None:
        solid = (s0, s0 + 1) if s0 == s1 else None
        return _Geometry(s0, s1 + 1, solid, (s0, s1), None)
    solid = (s1, end[0]) if s1 < end[0] else None
    return _Geometry(s0, max(end[1], s0 + 1), solid, (s0, s1), end)


def _therapy_text(t: Therapy, clock: Clock) -> tuple[str, str, bool]:
    """Label (name, cycles), tooltip and whether the name lacks this language."""
    lang = clock.lang
    name, missing = text_of(t.name, lang)
    label = f"{name}, {vocab.count(t.cycles, 'cycle', lang)}" if t.cycles is not None else name
    start = clock.text(t.start)  # type: ignore[arg-type]
    if t.ongoing:
        end = vocab.field("ongoing", lang)
    elif t.end is None:
        end = LABELS["no_end"].get(lang)
    else:
        end = clock.text(t.end)
    lines = [label, vocab.label(vocab.THERAPY_CATEGORIES, t.category, lang), f"{start} – {end}"]
    if t.response:
        lines.append(f"{vocab.field('response', lang)}: "
                     f"{vocab.label(vocab.RESPONSES, t.response, lang)}")
    note, _ = text_of(t.note, lang)
    if note:
        lines.append(note)
    return label, "\n".join(lines), missing


def _place_label(label: str, g: _Geometry, dpc: float, right_edge: float
                 ) -> tuple[float, str, float, float]:
    """Label x and place: ``inside`` the solid part if it fits (the ink is chosen for the
    full colour), else ``after`` the bar, or ``before`` it where it would run past the
    right edge; and the span bar and label take together."""
    width = (len(label) + 1) * dpc
    if g.solid and width <= g.solid[1] - g.solid[0]:
        return g.solid[0] + dpc / 2, "inside", g.x0, g.x1
    if g.x1 + width <= right_edge:
        return g.x1 + dpc / 2, "after", g.x0, g.x1 + width
    return g.x0 - width + dpc / 2, "before", g.x0 - width, g.x1


def bars_lane(lane_id: str, title: Text, items: list[tuple[int, Therapy]], y: float, *,
               clock: Clock, right_edge: float, dpc: float,
               bounds: dict[int, Bounds] | None = None) -> tuple[Lane, list[Bar]]:
    """Bars packed into sub-rows so that neither bars nor their labels overlap."""
    bounds = bounds or {}
    none = Bounds()
    geoms = [_geometry(t, clock, right_edge, bounds.get(i, none)) for i, t in items]
    texts = [_therapy_text(t, clock) for _, t in items]
    places = [_place_label(text[0], g, dpc, right_edge)
              for text, g in zip(texts, geoms, strict=True)]
    rows = pack_rows([(p[2], p[3]) for p in places])
    bars = [_bar(lane_id, i, t, g, row, text, place, y, _note(t, bounds.get(i), clock.lang))
            for (i, t), g, row, text, place in zip(items, geoms, rows, texts, places,
                                                   strict=True)]
    n_rows = max(rows) + 1
    label = title.get(clock.lang) or ""
    return Lane(lane_id, title, label, "bars", y, float(n_rows), n_rows), bars


def _bar(lane_id: str, index: int, t: Therapy, g: _Geometry, row: int,
         text: tuple[str, str, bool], place: tuple[float, str, float, float], lane_y: float,
         note: str) -> Bar:
    label, tooltip, missing = text
    label_x, pos = place[:2]
    colour = palette.therapy_colour(t.category)
    ink = palette.text_on(colour) if pos == "inside" else palette.readable_on_white(colour)
    approx = bool(t.start and t.start.approximate) or bool(t.end and t.end.approximate)
    return Bar(Ref("therapy", index), lane_id, t.category, row, lane_y + row + 0.5,
               BAR_THICKNESS, g.x0, g.x1, g.solid, g.start_range, g.end_range, t.ongoing,
               not t.ongoing and t.end is None, approx, colour, label, label_x, pos, ink,
               f"{tooltip}\n{note}" if note else tooltip, missing, is_point(t), note)


def _note(t: Therapy, b: Bounds | None, lang: str) -> str:
    """What the figure says of a span clipped to the stated order."""
    if b is None or not (b.after or b.before):
        return ""
    parts = [LABELS[side].get(lang).format(name=name)  # type: ignore[union-attr]
             for side, name in (("after", b.after), ("before", b.before)) if name]
    where = (LABELS["and"].get(lang) or " ").join(parts)
    name, _ = text_of(t.name, lang)
    return LABELS["clipped"].get(lang).format(name=name, where=where)  # type: ignore[union-attr]
