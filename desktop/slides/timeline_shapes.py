"""The therapy timeline as native, editable PowerPoint shapes.

Everything is placed by ``desktop.core.timeline.build_layout``: days map linearly to
EMU across the plot, rows to EMU down it. This module only chooses the label width
(``days_per_char``) for the slide's plot width and type size, and draws:

- each therapy bar as one autoshape (``bar:…``) in its category colour with its label
  as its own text when the layout puts the label inside; an ongoing therapy is drawn as
  an arrow-ended pentagon; the uncertain periods of partial dates as hatched rectangles
  behind it (``bar-range:…``); a therapy given once as a diamond; labels outside a bar
  as text boxes (``bar-label:…``);
- each event as an autoshape of its palette symbol (``marker:…``) with a whisker over a
  partial date (``whisker:…``) and its label (``marker-label:…``) where the layout
  shows it, else its callout number (``marker-callout:…``);
- lane titles, lane bands, tick lines and tick labels, and the axis title;
- the marker legend above the plot and the callouts' key below it (``timeline_key``).

Measurement lanes are left out: the slides show measurements in their own table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from desktop.core import palette
from desktop.core.model import Case
from desktop.core.timeline import Bar, Marker, TimelineLayout, build_layout, ticks
from desktop.core.timeline.layout import EVENTS_LANE
from desktop.slides import draw, timeline_key
from desktop.slides.draw import Box

#: A label character is taken this many times the type size wide when the layout
#: packs labels (Arial averages 0.44–0.53 em; capitals and digits run wider).
CHAR_EM = 0.6
TITLE_SHARE = (0.12, 0.22)  # least and most of the timeline width for the lane titles
LABEL_ROWS = (1, 2, 3, 4, 6)  # event label rows tried (fewer rows: more callouts)
LABEL_SIZES = (draw.LABEL_PT, 14, 16)  # label type sizes tried; 12 pt first, the least
MIN_ROW_EM = 1.35  # rows closer than this many label sizes crowd their labels
MAX_ROW_IN = 0.6  # a short timeline is not stretched past this row pitch
MARKER_IN = 0.2
FADE = 0.3  # tint of the uncertain period of a partial date
SERIES_PREFIX = "measure:"

_SYMBOL = re.compile(r"\((\w+)(, flipped vertically)?\)")


@dataclass(frozen=True, slots=True)
class SlideTimeline:
    """A layout made for one slide area, and the width of its lane-title column; the
    area is the plot, with the legend above it and the key of the callouts below
    (``overflow``: key entries continued on the next slide)."""

    layout: TimelineLayout
    area: Box
    title_width: int
    label_pt: float
    legend_box: Box | None = None
    key_box: Box | None = None
    key: tuple[tuple[str, ...], ...] = ()
    overflow: tuple[tuple[str, ...], ...] = ()

    @property
    def plot_width(self) -> int:
        return self.area.width - self.title_width


@dataclass(frozen=True, slots=True)
class Plot:
    """Where the layout lands on the slide: the x and y maps."""

    layout: TimelineLayout
    box: Box  # the plot area (bars and markers), without lane titles and axis
    pitch: int  # EMU per row
    label_pt: float

    def x(self, days: float) -> int:
        lo, hi = self.layout.x_min, self.layout.x_max
        return self.box.left + round((days - lo) / (hi - lo) * self.box.width)

    def y(self, rows: float) -> int:
        return self.box.top + round(rows * self.pitch)

    def emu(self, days: float) -> int:
        """A length in days as EMU."""
        return round(days / (self.layout.x_max - self.layout.x_min) * self.box.width)


def symbol_shape(symbol: str) -> tuple[MSO_SHAPE, bool]:
    """The python-pptx autoshape of a palette symbol, and whether it is flipped
    vertically, read from ``palette.SYMBOLS`` (the one place that says what each is)."""
    m = _SYMBOL.search(palette.SYMBOLS.get(symbol, palette.SYMBOLS["o"]))
    assert m is not None, symbol
    return MSO_SHAPE[m.group(1)], bool(m.group(2))


def _title_width(layout: TimelineLayout, area: Box) -> int:
    """Wide enough for the longest word of any lane title (no word is broken), within
    ``TITLE_SHARE`` of the area."""
    words = [w for lane in layout.lanes for w in lane.label.split()] or ["M"]
    widest = max(draw.text_width(w, draw.LANE_PT, bold=True) for w in words)
    lo, hi = (int(area.width * f) for f in TITLE_SHARE)
    return min(max(draw.emu_pt(widest + 10), lo), hi)


def _axis_height(label_pt: float) -> int:
    """Tick labels (in the label size) and the axis title (2 pt larger) under the plot."""
    return draw.emu_pt(label_pt * draw.LINE_SPACING * 1.6 + (label_pt + 2) * draw.LINE_SPACING)


def _pitch(layout: TimelineLayout, area: Box, label_pt: float) -> int:
    rows = max(layout.height, 1.0)
    return min(int((area.height - _axis_height(label_pt)) / rows),
               int(MAX_ROW_IN * draw.EMU_PER_IN))


def _split_area(layout: TimelineLayout, area: Box, key_here: bool = True
                ) -> tuple[Box, Box, Box, list[list[str]], list[list[str]]]:
    """The legend above, the key below (at most ``KEY_SHARE`` of the area, none when not
    ``key_here``; the rest continues on the next slide) and the plot between them."""
    legend_h = timeline_key.legend_height(layout.legend, area.width)
    entries = timeline_key.key_paragraphs(layout)
    gap = draw.emu_pt(6)
    room = int(area.height * timeline_key.KEY_SHARE) if key_here else 0
    shown, rest = timeline_key.fit_key(entries, area.width, room)
    key_h = timeline_key.key_height(shown, area.width)
    legend = Box(area.left, area.top, area.width, legend_h)
    key = Box(area.left, area.bottom - key_h, area.width, key_h)
    plot_top = area.top + legend_h + (gap if legend_h else 0)
    plot = Box(area.left, plot_top, area.width,
               area.height - legend_h - key_h - (gap if legend_h else 0) - (gap if key_h else 0))
    return legend, plot, key, shown, rest


def build(case: Case, *, area: Box, anchor: str, lang: str, anonymize: bool
          ) -> SlideTimeline:
    """The layout for a slide: measurement lanes hidden; labels packed at the width a
    character of the label type takes across this plot (``days_per_char``); the legend
    and the callouts' key take their room from the area. Of the label sizes
    (``LABEL_SIZES``) and event label rows (``LABEL_ROWS``) tried, the one that labels
    the most events on the plot with rows at least ``MIN_ROW_EM`` label sizes apart wins,
    with its key on the slide where that leaves the rows room, else on the next slide,
    and the fewest markers crowding each other, then the most markers apart;
    on a tie the larger type, then the fewer rows (when none is roomy, the widest rows)."""
    first = build_layout(case, anchor=anchor, lang=lang, anonymize=anonymize)
    hidden = [lane.id for lane in first.lanes if lane.id.startswith(SERIES_PREFIX)]
    title_w = _title_width(first, area)
    best: tuple[tuple[bool, int, bool, int, int, int, float], TimelineLayout, float] | None \
        = None
    layouts = {}  # one per size and rows: where the key goes does not change the layout
    for size in LABEL_SIZES:
        chars_across = draw.pt(area.width - title_w) / (CHAR_EM * size)
        dpc = (first.x_max - first.x_min) / chars_across
        fewer: TimelineLayout | None = None  # built with fewer rows than it could use
        for rows in LABEL_ROWS:
            layouts[size, rows] = fewer or build_layout(
                case, anchor=anchor, lang=lang, anonymize=anonymize, hidden_lanes=hidden,
                days_per_char=dpc, max_label_rows=rows)
            if _rows_to_spare(layouts[size, rows], rows):
                fewer = layouts[size, rows]
    for key_here in (True, False):
        for size in LABEL_SIZES:
            for rows in LABEL_ROWS:
                layout = layouts[size, rows]
                plot = _split_area(layout, area, key_here)[1]
                pitch = _pitch(layout, plot, size)
                roomy = pitch >= draw.emu_pt(MIN_ROW_EM * size)
                score = (roomy, 0 if roomy else pitch, key_here, -_crowded(layout),
                         _shown(layout), len(layout.markers), size)
                if best is None or score > best[0]:
                    best = (score, layout, size)
    assert best is not None
    legend, plot, key, shown, rest = _split_area(best[1], area, best[0][2])
    return SlideTimeline(best[1], plot, title_w, best[2], legend, key,
                         tuple(map(tuple, shown)), tuple(map(tuple, rest)))


def _rows_to_spare(layout: TimelineLayout, max_label_rows: int) -> bool:
    """Whether the events were placed in fewer rows than ``max_label_rows``: then the
    limit never decided anything (``packing.stagger_merging`` opens a row while there
    are fewer, and the events lane has one row per row opened), so a higher limit builds
    this same layout."""
    lane = next((lane for lane in layout.lanes if lane.id == EVENTS_LANE), None)
    return lane is None or lane.rows < max_label_rows


def _crowded(layout: TimelineLayout) -> int:
    """Markers whose symbol and callout number run into the one before them in a row."""
    last: dict[int, float] = {}
    n = 0
    for m in sorted(layout.markers, key=lambda m: m.x):
        n += m.x - last.get(m.row, -1e18) < 4 * layout.days_per_char
        last[m.row] = max(m.x, m.label_x1 if m.show_label else m.x)
    return n


def _shown(layout: TimelineLayout) -> int:
    return sum(m.show_label for m in layout.markers)


def draw_timeline(slide, timeline: SlideTimeline, lang: str) -> Plot:
    """Draw the timeline into its area of ``slide``; returns the x/y maps used."""
    layout, area = timeline.layout, timeline.area
    shapes = slide.shapes
    pitch = _pitch(layout, area, timeline.label_pt)
    rows = max(layout.height, 1.0)
    plot = Plot(layout, Box(area.left + timeline.title_width, area.top, timeline.plot_width,
                            round(rows * pitch)), pitch, timeline.label_pt)
    backgrounds = _lanes(shapes, plot, area.left, timeline.title_width, lang)
    tick_list = ticks(layout, layout.x_max - layout.x_min, lang)
    _grid(shapes, plot, tick_list)
    _break_bands(shapes, plot)
    for bar in layout.bars:
        _bar(shapes, plot, bar, lang, backgrounds.get(bar.lane_id, draw.WHITE))
    for marker in layout.markers:
        _marker(shapes, plot, marker, lang, backgrounds.get(marker.lane_id, draw.WHITE))
    _axis(shapes, plot, tick_list, layout.axis_title, lang)
    _break_marks(shapes, plot)
    if timeline.legend_box is not None and layout.legend:
        timeline_key.draw_legend(shapes, layout.legend, timeline.legend_box, lang,
                                 symbol_shape)
    if timeline.key_box is not None and timeline.key:
        timeline_key.draw_key(shapes, [list(e) for e in timeline.key], timeline.key_box, lang)
    return plot


# --- lanes and axis -------------------------------------------------------------------
def _lanes(shapes, plot: Plot, left: int, width: int, lang: str) -> dict[str, str]:
    """Lane bands and titles, all titles in one size (the largest every one fits);
    returns each lane's background colour (labels are set on it, so grid lines and
    whiskers never run through their letters)."""
    lanes = plot.layout.lanes
    boxes = [Box(left, plot.y(lane.y), width - draw.emu_pt(8),
                 plot.y(lane.y + lane.height) - plot.y(lane.y)) for lane in lanes]
    largest = max(draw.LANE_PT, plot.label_pt + 2)
    size = min((draw.fit_size([lane.label], box, largest, draw.LABEL_PT, bold=True)
                or draw.LABEL_PT for lane, box in zip(lanes, boxes, strict=True)),
               default=largest)
    backgrounds: dict[str, str] = {}
    for k, (lane, box) in enumerate(zip(lanes, boxes, strict=True)):
        backgrounds[lane.id] = draw.BAND if k % 2 == 0 else draw.WHITE
        if k % 2 == 0:
            band = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(left), Emu(box.top),
                                    Emu(plot.box.right - left), Emu(box.height))
            band.name = f"band:{lane.id}"
            draw.fill(band, draw.BAND)
        need = draw.emu_pt(draw.text_height([lane.label], draw.pt(box.width), size, True))
        if need > box.height:  # taller than its lane: centred on it, over the gaps around
            box = Box(box.left, box.top + (box.height - need) // 2, box.width, need)
        draw.add_text(shapes, box, lane.label, size, bold=True, colour=draw.INK, lang=lang,
                      anchor=MSO_ANCHOR.MIDDLE, name=f"lane-title:{lane.id}")
    return backgrounds


def _line(shapes, x0: int, y0: int, x1: int, y1: int, colour: str, width_pt: float,
          name: str):
    c = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x0), Emu(y0), Emu(x1), Emu(y1))
    c.line.color.rgb = draw.rgb(colour)
    c.line.width = Pt(width_pt)
    c.name = name
    return c


def _grid(shapes, plot: Plot, tick_list) -> None:
    for i, t in enumerate(tick_list):
        x = plot.x(t.pos)
        _line(shapes, x, plot.box.top, x, plot.box.bottom, draw.RULE, 0.5, f"grid:{i}")


def _axis(shapes, plot: Plot, tick_list, title: str, lang: str) -> None:
    base = plot.box.bottom
    _line(shapes, plot.box.left, base, plot.box.right, base, draw.INK, 1.0, "axis")
    tick_len = draw.emu_pt(5)
    size = plot.label_pt
    label_h = draw.emu_pt(size * draw.LINE_SPACING)
    widths = [draw.emu_pt(draw.text_width(t.label, size) + 4) for t in tick_list]
    spacing = min((plot.x(b.pos) - plot.x(a.pos) for a, b in itertools.pairwise(tick_list)),
                  default=plot.box.width)
    # every n-th label when neighbours would touch; the tick lines all stay
    step = 1
    while widths and max(widths) + draw.emu_pt(6) > step * spacing:
        step += 1
    for i, t in enumerate(tick_list):
        x = plot.x(t.pos)
        _line(shapes, x, base, x, base + tick_len, draw.INK, 1.0, f"tick:{i}")
        if i % step:
            continue
        w = widths[i]
        draw.add_text(shapes, Box(x - w // 2, base + tick_len, w, label_h), t.label, size,
                      colour=draw.INK, lang=lang, align=PP_ALIGN.CENTER, wrap_text=False,
                      name=f"tick-label:{i}")
    top = base + tick_len + label_h + draw.emu_pt(4)
    draw.add_text(shapes, Box(plot.box.left, top, plot.box.width,
                              draw.emu_pt((size + 2) * draw.LINE_SPACING)),
                  title, size + 2, bold=True, colour=draw.INK, lang=lang,
                  align=PP_ALIGN.CENTER, wrap_text=False, name="axis-title")


def _break_bands(shapes, plot: Plot) -> None:
    """A long empty stretch, shortened (``layout.breaks``): white, with dashed edges."""
    top, bottom = plot.box.top, plot.box.bottom
    for k, br in enumerate(plot.layout.breaks):
        a, b = plot.x(br.x0), plot.x(br.x1)
        band = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(a), Emu(top), Emu(max(b - a, 1)),
                                Emu(bottom - top))
        band.name = f"axis-break-band:{k}"
        draw.fill(band, draw.WHITE)
        for side, x in (("a", a), ("b", b)):
            edge = _line(shapes, x, top, x, bottom, draw.MUTED, 0.75,
                         f"axis-break-edge:{k}{side}")
            edge.line.dash_style = MSO_LINE.DASH


def _break_marks(shapes, plot: Plot) -> None:
    """The axis cut at each break, a slanted stroke at each end."""
    y, h = plot.box.bottom, draw.emu_pt(4)
    for k, br in enumerate(plot.layout.breaks):
        a, b = plot.x(br.x0), plot.x(br.x1)
        gap = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(a + h // 4), Emu(y - h // 2),
                               Emu(max(b - a - h // 2, 1)), Emu(h))
        gap.name = f"axis-break:{k}"
        draw.fill(gap, draw.WHITE)
        for side, x in (("a", a), ("b", b)):
            _line(shapes, x - h // 2, y + h, x + h // 2, y - h, draw.INK, 1.25,
                  f"axis-break-mark:{k}{side}")


# --- bars and markers ---------------------------------------------------------------
def _ref(item: Bar | Marker) -> str:
    return f"{item.ref.kind}:{item.ref.index}"


def _rect(shapes, plot: Plot, x0: float, x1: float, y: float, height: float,
          kind=MSO_SHAPE.RECTANGLE):
    left, right = plot.x(x0), max(plot.x(x1), plot.x(x0) + draw.emu_pt(2))
    h = round(height * plot.pitch)
    top = plot.y(y) - h // 2
    return shapes.add_shape(kind, Emu(left), Emu(top), Emu(right - left), Emu(h))


def _label(shapes, plot: Plot, text: str, anchor: int, y: int, colour: str, background: str,
           lang: str, name: str, align=PP_ALIGN.LEFT) -> None:
    """A one-line label starting at ``anchor`` (or ending there, right-aligned) centred
    on ``y``, on its lane's background. It keeps inside the plot and is shortened with
    "…" only where the plot ends (the whole text stays in the notes and the alt text)."""
    size = plot.label_pt
    room = plot.box.right - anchor if align == PP_ALIGN.LEFT else anchor - plot.box.left
    if room < draw.emu_pt(size):
        return
    shown = draw.truncate(text, draw.pt(room) - 3, size)
    width = min(draw.emu_pt(draw.text_width(shown, size) + 3), room)
    left = anchor if align == PP_ALIGN.LEFT else anchor - width
    height = draw.emu_pt(size * draw.LINE_SPACING)
    tb = draw.add_text(shapes, Box(left, y - height // 2, width, height), shown,
                       size, colour=colour, lang=lang, wrap_text=False,
                       anchor=MSO_ANCHOR.MIDDLE, align=align, name=name)
    tb.fill.solid()
    tb.fill.fore_color.rgb = draw.rgb(background)


def _point(shapes, plot: Plot, bar: Bar, lang: str, background: str) -> None:
    """A therapy given once: a diamond, with a whisker over an uncertain date."""
    y = plot.y(bar.y)
    if bar.solid is None and bar.x1 - bar.x0 > 1:
        _line(shapes, plot.x(bar.x0), y, plot.x(bar.x1), y, draw.tint(bar.colour, 0.8), 1.5,
              f"whisker:{_ref(bar)}")
    size = marker_size(plot)
    xc = plot.x((bar.x0 + bar.x1) / 2)
    shape = shapes.add_shape(MSO_SHAPE.DIAMOND, Emu(xc - size // 2), Emu(y - size // 2),
                             Emu(size), Emu(size))
    shape.name = f"bar:{_ref(bar)}"
    shape._element.nvSpPr.cNvPr.set("descr", bar.label)
    draw.fill(shape, bar.colour, line=palette.OUTLINE, line_pt=0.75)
    if bar.label_pos == "before":
        anchor = min(plot.x(bar.x0), xc - size // 2) - plot.emu(plot.layout.days_per_char / 2)
        align = PP_ALIGN.RIGHT
    else:
        anchor, align = max(plot.x(bar.label_x), xc + size // 2 + draw.emu_pt(3)), PP_ALIGN.LEFT
    _label(shapes, plot, bar.label, anchor, y, bar.label_colour, background, lang,
           f"bar-label:{_ref(bar)}", align)


def _bar(shapes, plot: Plot, bar: Bar, lang: str, background: str) -> None:
    if bar.point:
        _point(shapes, plot, bar, lang, background)
        return
    solid = bar.solid
    if solid is None or solid != (bar.x0, bar.x1):
        back = _rect(shapes, plot, bar.x0, bar.x1, bar.y, bar.height)
        back.name = f"bar-range:{_ref(bar)}"
        timeline_key.hatch(back, bar.colour)
    kind = MSO_SHAPE.PENTAGON if bar.ongoing else MSO_SHAPE.RECTANGLE
    x0, x1 = solid if solid is not None else (bar.x0, bar.x1)
    shape = _rect(shapes, plot, x0, x1, bar.y, bar.height, kind)
    shape.name = f"bar:{_ref(bar)}"
    shape._element.nvSpPr.cNvPr.set("descr", bar.label)  # alt text: the label, always
    if solid is not None:
        draw.fill(shape, bar.colour, line=palette.OUTLINE, line_pt=0.5)
    else:  # only a faded period is known: the bar is its outline
        draw.fill(shape, None, line=bar.colour, line_pt=1.5)
    tf = shape.text_frame
    tf.word_wrap = False
    for side in ("margin_top", "margin_bottom", "margin_right"):
        setattr(tf, side, 0)
    tf.margin_left = Emu(max(plot.x(bar.label_x) - shape.left, 0))
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    if bar.label_pos == "inside":
        draw.set_paragraphs(tf, [bar.label], plot.label_pt, colour=bar.label_colour,
                            lang=lang)
        return
    if bar.label_pos == "before":  # right-aligned half a character before the bar
        anchor = plot.x(bar.x0) - plot.emu(plot.layout.days_per_char / 2)
        align = PP_ALIGN.RIGHT
    else:
        anchor, align = plot.x(bar.label_x), PP_ALIGN.LEFT
    _label(shapes, plot, bar.label, anchor, plot.y(bar.y), bar.label_colour, background,
           lang, f"bar-label:{_ref(bar)}", align)


def marker_size(plot: Plot) -> int:
    """A symbol clear of its label: the layout starts a label one character from the
    symbol's centre."""
    char = draw.emu_pt(CHAR_EM * plot.label_pt)
    return min(int(MARKER_IN * draw.EMU_PER_IN), 2 * char - draw.emu_pt(3),
               int(plot.pitch * 0.7))


def _marker(shapes, plot: Plot, m: Marker, lang: str, background: str) -> None:
    y = plot.y(m.y)
    if m.x_range[1] > m.x_range[0]:
        _line(shapes, plot.x(m.x_range[0]), y, plot.x(m.x_range[1] + 1), y,
              draw.tint(m.colour, 0.8), 1.5, f"whisker:{_ref(m)}")
    kind, flipped = symbol_shape(m.symbol)
    size = marker_size(plot)
    shape = shapes.add_shape(kind, Emu(plot.x(m.x) - size // 2), Emu(y - size // 2),
                             Emu(size), Emu(size))
    shape.name = f"marker:{_ref(m)}"
    if flipped:
        shape.rotation = 180.0  # the same as a vertical flip for a symmetric triangle
    draw.fill(shape, m.colour, line=palette.OUTLINE, line_pt=0.75)
    shape._element.nvSpPr.cNvPr.set("descr", m.label)
    if not m.show_label:
        if m.callout is not None:  # the number its key entry has
            number = f"{m.callout} ×{len(m.members)}" if m.members else str(m.callout)
            _label(shapes, plot, number, plot.x(m.x) + size // 2 + draw.emu_pt(2), y,
                   m.label_colour, background, lang, f"marker-callout:{_ref(m)}")
        return
    if m.label_x1 <= m.x:  # left of the symbol
        _label(shapes, plot, m.label, plot.x(m.label_x1), y, m.label_colour, background,
               lang, f"marker-label:{_ref(m)}", PP_ALIGN.RIGHT)
    else:
        _label(shapes, plot, m.label, plot.x(m.label_x0), y, m.label_colour, background,
               lang, f"marker-label:{_ref(m)}", PP_ALIGN.LEFT)
