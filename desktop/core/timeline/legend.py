"""The legend of a layout: each kind of mark it draws, explained once, in the layout's
language — the same entries on the screen, in the PDF and on the slides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core import palette, vocab
from desktop.core.timeline.clock import LABELS
from desktop.core.timeline.layout import Bar, LegendItem, Series


def legend_items(bars: Sequence[Bar], event_types: Iterable[str], series: Sequence[Series],
                 lang: str) -> tuple[LegendItem, ...]:
    """Each event type drawn (in the palette's order), each result without a number
    (hollow), a therapy given once, an uncertain span and an ongoing therapy."""
    out: list[LegendItem] = []
    types = set(event_types)
    order = [t for t in palette.EVENT_STYLES if t in types] + sorted(
        types - set(palette.EVENT_STYLES))
    for t in order:
        style = palette.event_style(t)
        out.append(LegendItem(style.symbol, style.colour, False,
                              vocab.label(vocab.EVENT_TYPES, t, lang)))
    results: dict[str, str] = {}
    for s in series:
        for pt in s.points:
            if pt.value is None and pt.result:
                results.setdefault(pt.result, pt.symbol)
    for result, symbol in results.items():
        word = vocab.FIELDS.get(result)
        out.append(LegendItem(symbol, palette.INK, True,
                              (word.get(lang) if word else None) or result))
    if any(b.point for b in bars):
        out.append(LegendItem("point", palette.INK, False,
                              f"{LABELS['therapy'].get(lang)}, "
                              f"{LABELS['given_once'].get(lang)}"))
    if any(b.solid != (b.x0, b.x1) and not b.ongoing and not b.point for b in bars):
        out.append(LegendItem("uncertain", palette.INK, False,
                              LABELS["uncertain"].get(lang) or ""))
    if any(b.ongoing for b in bars):
        out.append(LegendItem("bar", palette.INK, False, vocab.field("ongoing", lang)))
    return tuple(out)
