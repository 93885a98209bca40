"""The words beside the timeline on its slide: the marker legend (a symbol and a word per
kind of mark the layout draws) above the plot, and the key of its numbered callouts
(number, date, every label) below it. Both come from the layout; this module only sets
them in type of at least ``draw.LABEL_PT`` and says how much room they take.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu

from desktop.core import palette
from desktop.core.timeline import LegendItem, TimelineLayout
from desktop.slides import draw
from desktop.slides.draw import Box

KEY_PT = draw.LABEL_PT
LEGEND_PT = draw.LABEL_PT
KEY_COLUMNS_MIN_IN = 4.0  # a key column narrower than this is not split in two
KEY_SHARE = 0.34  # at most this much of the timeline's area for the key; the rest continues
SYMBOL_PT = 10.0
GAP_PT = 12.0


def key_paragraphs(layout: TimelineLayout) -> list[list[str]]:
    """Each callout as its paragraphs: "n · date · label", then the other labels of a
    group, indented."""
    out = []
    for e in layout.key:
        first = f"{e.number} · {e.when} · {e.labels[0]}"
        out.append([first, *(f"    {label}" for label in e.labels[1:])])
    return out


def _columns(width: int) -> int:
    return 2 if draw.pt(width) / 72 >= 2 * KEY_COLUMNS_MIN_IN else 1


def _split(entries: list[list[str]], width: int, size: float = KEY_PT) -> list[list[str]]:
    """Entries into columns of about equal height (an entry never splits)."""
    cols = _columns(width)
    col_pt = draw.pt(width) / cols - GAP_PT
    heights = [draw.text_height(e, col_pt, size) for e in entries]
    target = sum(heights) / cols
    out: list[list[str]] = [[] for _ in range(cols)]
    c, used = 0, 0.0
    for e, h in zip(entries, heights, strict=True):
        if out[c] and used + h > target + 1 and c + 1 < cols:
            c, used = c + 1, 0.0
        out[c] += e
        used += h
    return out


def key_height(entries: list[list[str]], width: int) -> int:
    """EMU the key of ``entries`` takes at ``width``."""
    if not entries:
        return 0
    col_pt = draw.pt(width) / _columns(width) - GAP_PT
    return draw.emu_pt(max(draw.text_height(col, col_pt, KEY_PT)
                           for col in _split(entries, width)) + 6)


def fit_key(entries: list[list[str]], width: int, room: int
            ) -> tuple[list[list[str]], list[list[str]]]:
    """The entries that fit ``room`` EMU, and the rest (continued on the next slide).
    The height grows with the number of entries, so the count is found by halving (a
    case of 2,000 events is keyed in moments, not minutes)."""
    lo, hi = 0, len(entries)  # entries[:lo] fits; entries[:hi + 1] does not
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if key_height(entries[:mid], width) <= room:
            lo = mid
        else:
            hi = mid - 1
    return entries[:lo], entries[lo:]


def draw_key(shapes, entries: list[list[str]], box: Box, lang: str, size: float = KEY_PT,
             name: str = "timeline-key") -> None:
    """The key in one or two text boxes (``timeline-key:k``), at ``size`` points (the
    key's own slide is body text: 18 pt)."""
    cols = _split(entries, box.width, size)
    col_w = box.width // len(cols)
    for k, paras in enumerate(cols):
        if paras:
            draw.add_text(shapes, Box(box.left + k * col_w, box.top, col_w - draw.emu_pt(6),
                                      box.height), paras, size, colour=draw.INK, lang=lang,
                          name=f"{name}:{k}")


# --- the legend --------------------------------------------------------------------------
def _item_width(item: LegendItem) -> float:
    return SYMBOL_PT + 4 + draw.text_width(item.text, LEGEND_PT) + GAP_PT


def _lines(items: Sequence[LegendItem], width: int) -> list[list[LegendItem]]:
    lines: list[list[LegendItem]] = [[]]
    used = 0.0
    for item in items:
        w = _item_width(item)
        if lines[-1] and used + w > draw.pt(width):
            lines.append([])
            used = 0.0
        lines[-1].append(item)
        used += w
    return lines if items else []


def legend_height(items: Sequence[LegendItem], width: int) -> int:
    return draw.emu_pt(len(_lines(items, width)) * LEGEND_PT * draw.LINE_SPACING * 1.15)


def draw_legend(shapes, items: Sequence[LegendItem], box: Box, lang: str,
                symbol_shape) -> None:
    """Each item: its symbol (``legend-symbol:k``) and its word (``legend:k``)."""
    line_h = draw.emu_pt(LEGEND_PT * draw.LINE_SPACING * 1.15)
    size = draw.emu_pt(SYMBOL_PT)
    k = 0
    for row, line in enumerate(_lines(items, box.width)):
        x, y = box.left, box.top + row * line_h
        for item in line:
            _legend_symbol(shapes, item, x, y + (line_h - size) // 2, size, symbol_shape,
                           f"legend-symbol:{k}")
            w = draw.emu_pt(draw.text_width(item.text, LEGEND_PT) + 4)
            draw.add_text(shapes, Box(x + size + draw.emu_pt(3), y, w, line_h), item.text,
                          LEGEND_PT, colour=draw.INK, lang=lang, wrap_text=False,
                          name=f"legend:{k}")
            x += draw.emu_pt(_item_width(item))
            k += 1


def _legend_symbol(shapes, item: LegendItem, x: int, y: int, size: int, symbol_shape,
                   name: str) -> None:
    if item.symbol in ("bar", "uncertain"):
        kind = MSO_SHAPE.PENTAGON if item.symbol == "bar" else MSO_SHAPE.RECTANGLE
        shape = shapes.add_shape(kind, Emu(x), Emu(y + size // 4), Emu(size), Emu(size // 2))
        if item.symbol == "uncertain":
            hatch(shape, palette.INK)
        else:
            draw.fill(shape, item.colour)
    else:
        kind, flipped = symbol_shape("d" if item.symbol == "point" else item.symbol)
        shape = shapes.add_shape(kind, Emu(x), Emu(y), Emu(size), Emu(size))
        if flipped:
            shape.rotation = 180.0
        if item.hollow:
            draw.fill(shape, draw.WHITE, line=item.colour, line_pt=1.25)
        else:
            draw.fill(shape, item.colour, line=palette.OUTLINE, line_pt=0.75)
    shape.name = name


def hatch(shape, colour: str) -> None:
    """Diagonal hatching: the uncertain period of a partial date, never a solid bar."""
    draw.fill(shape, None, line=colour, line_pt=0.75)
    shape.fill.patterned()
    shape.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    shape.fill.fore_color.rgb = draw.rgb(draw.tint(colour, 0.45))
    shape.fill.back_color.rgb = draw.rgb(draw.WHITE)
