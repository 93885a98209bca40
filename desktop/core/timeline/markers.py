"""Events as markers in the events lane: one per dated event, its symbol and colour
from the palette, and its label placed so that none hides another.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core import palette, vocab
from desktop.core.dates import PartialDate
from desktop.core.model import Case, Text
from desktop.core.timeline.clock import LABELS, Clock, text_of
from desktop.core.timeline.layout import EVENTS_LANE, Lane, Marker, Ref
from desktop.core.timeline.packing import stagger


@dataclass(slots=True)
class Dot:
    """An event to place: the case event, or the case's diagnosis date as one.
    (Internal and short-lived, so not frozen: a frozen init costs 4x, and there are
    thousands.)"""

    ref: Ref
    type: str
    date: PartialDate
    text: Text
    site: str | None
    span: tuple[int, int]


def event_dots(case: Case, clock: Clock) -> list[Dot]:
    dots = [Dot(Ref("event", i), e.type, e.date, e.label, e.site, clock.span(e.date))
            for i, e in enumerate(case.events)]
    d = case.diagnosis.date
    if d and not any(e.type == "diagnosis" for e in case.events):
        dots.append(Dot(Ref("diagnosis", 0), "diagnosis", d, case.diagnosis.name, None,
                         clock.span(d)))
    return dots


def _dot_text(d: Dot, clock: Clock, names: dict[tuple[str, str | None], tuple[str, str]]
              ) -> tuple[str, str, bool]:
    """Label (text or type, with the site), tooltip, and whether the text lacks this
    language. ``names`` memoises the type and site labels."""
    key = (d.type, d.site)
    if key not in names:
        names[key] = (vocab.label(vocab.EVENT_TYPES, d.type, clock.lang),
                      vocab.label(vocab.SITES, d.site, clock.lang))
    kind, site = names[key]
    text, missing = text_of(d.text, clock.lang)
    label = text or kind
    if site:
        label = f"{label} ({site})"
    detail = label if text else site
    when = clock.text(d.date)
    tooltip = f"{kind}\n{detail}\n{when}" if detail else f"{kind}\n{when}"
    return label, tooltip, missing


def events_lane(dots: list[Dot], y: float, *, clock: Clock, dpc: float, max_rows: int,
                 right_edge: float) -> tuple[Lane, list[Marker]]:
    """Markers in x order, staggered into rows so that a shown label never overlaps
    another marker's label, symbol or whisker in its row."""
    dots = sorted(dots, key=lambda d: d.span[0] + d.span[1])
    names: dict[tuple[str, str | None], tuple[str, str]] = {}
    texts = [_dot_text(d, clock, names) for d in dots]
    xs = [(d.span[0] + d.span[1]) / 2 for d in dots]
    labels = [_label_span(x, len(t[0]) * dpc, dpc, right_edge)
              for x, t in zip(xs, texts, strict=True)]
    places = stagger([_stagger_span(d.span, x, label, dpc)
                       for d, x, label in zip(dots, xs, labels, strict=True)], max_rows)
    markers = [_marker(d, x, row, show, t, label, y)
               for d, x, t, label, (row, show) in zip(dots, xs, texts, labels, places,
                                                       strict=True)]
    n_rows = max((m.row for m in markers), default=0) + 1
    title = LABELS["events"]
    lane = Lane(EVENTS_LANE, title, title.get(clock.lang) or "", "markers", y,
                float(n_rows), n_rows)
    return lane, markers


def _stagger_span(span: tuple[int, int], x: float, label: tuple[float, float], dpc: float
                  ) -> tuple[float, float, float, float]:
    """What a marker takes in its row: with its label, and without (whisker, symbol)."""
    s0, s1 = min(span[0], x - dpc), max(span[1], x + dpc)
    return min(s0, label[0] - dpc / 2), max(s1, label[1] + dpc / 2), s0, s1


def _label_span(x: float, width: float, dpc: float, right_edge: float
                ) -> tuple[float, float]:
    """A marker's label: right of the symbol, or left of it where it would run past
    the right edge."""
    if x + dpc + width <= right_edge:
        return x + dpc, x + dpc + width
    return x - dpc - width, x - dpc


def _marker(d: Dot, x: float, row: int, show: bool, text: tuple[str, str, bool],
            label_span: tuple[float, float], lane_y: float) -> Marker:
    style = palette.event_style(d.type)
    label, tooltip, missing = text
    return Marker(d.ref, EVENTS_LANE, d.type, x, (float(d.span[0]), float(d.span[1])), row,
                  lane_y + row + 0.5, style.symbol, style.colour, d.date.approximate, label,
                  label_span[0], label_span[1], show, style.text, tooltip, missing)
