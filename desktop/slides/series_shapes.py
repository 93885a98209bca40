"""A case series as native, editable PowerPoint shapes, placed by
``desktop.core.series.build_series``: one lane per case titled with its code
(``lane-title:CODE``), therapy bars (``bar:CODE:i``) with their labels, event symbols
(``marker:CODE:i``), the D0 line, the time axis, a legend (``legend:…``) and the cases
without the anchor (``unaligned``). The measurement track is left to the figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from desktop.core import palette
from desktop.core.model import Case, Text
from desktop.core.series import SeriesLayout, build_series
from desktop.slides import draw
from desktop.slides.draw import Box
from desktop.slides.timeline_shapes import symbol_shape

CHAR_EM = 0.6
LABEL_PT = draw.LABEL_PT
CODE_PT = draw.LANE_PT
ROW_EM = 1.5  # a row is at least this many label sizes
GUTTER_SHARE = 0.14


def layout_for(cases: Sequence[Case], anchor: str, area: Box, *, lang: str,
               anonymize: bool, rank: str = "code", title: Text | None = None
               ) -> SeriesLayout:
    """The series laid out for ``area``: labels packed at the slide's character width,
    bar rows limited to what the area holds at 12 pt."""
    probe = build_series(cases, anchor, lang=lang, anonymize=anonymize, rank=rank,
                         title=title)
    plot_w = draw.pt(area.width) * (1 - GUTTER_SHARE)
    dpc = (probe.x_max - probe.x_min) * CHAR_EM * LABEL_PT / plot_w
    legend_lines = _legend_lines(probe, area)
    rows_room = (draw.pt(area.height) - (legend_lines + 4) * LABEL_PT * draw.LINE_SPACING) \
        / (ROW_EM * LABEL_PT)
    lanes = max(len(probe.lanes), 1)
    budget = int(rows_room - lanes * 1.6)
    return build_series(cases, anchor, lang=lang, anonymize=anonymize, rank=rank, title=title,
                        days_per_char=dpc, row_budget=max(budget, 2 * lanes))


def _legend_lines(layout: SeriesLayout, area: Box) -> int:
    x, lines = 0.0, 1
    width = draw.pt(area.width)
    for it in layout.legend:
        w = draw.text_width(it.label, LABEL_PT) + LABEL_PT * 2.2
        if x and x + w > width:
            lines += 1
            x = 0.0
        x += w
    return lines + (1 if layout.unaligned else 0)


def _line(shapes, x0: int, y0: int, x1: int, y1: int, colour: str, width_pt: float, name: str,
          dash: bool = False):
    c = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x0), Emu(y0), Emu(x1), Emu(y1))
    c.line.color.rgb = draw.rgb(colour)
    c.line.width = Pt(width_pt)
    if dash:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        c.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    c.name = name
    return c


def draw_series(slide, layout: SeriesLayout, area: Box, lang: str) -> None:
    """Draw ``layout`` into ``area`` of ``slide``."""
    shapes = slide.shapes
    lh = draw.emu_pt(LABEL_PT * draw.LINE_SPACING)
    below = lh * (_legend_lines(layout, area) + 2) + draw.emu_pt(14)
    gutter = int(area.width * GUTTER_SHARE)
    left, right = area.left + gutter, area.right
    top = area.top + lh  # room for the D0 label
    pitch = min(int((area.height - below - lh) / max(layout.height, 1.0)),
                int(0.45 * draw.EMU_PER_IN))
    span = layout.x_max - layout.x_min

    def x(days: float) -> int:
        return left + round((days - layout.x_min) / span * (right - left))

    def y(rows: float) -> int:
        return top + round(rows * pitch)

    bottom = y(layout.height)
    for i, lane in enumerate(layout.lanes):
        y0, y1 = y(lane.y), y(lane.y + lane.height)
        if i % 2 == 0:
            band = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(area.left), Emu(y0),
                                    Emu(area.width), Emu(y1 - y0))
            band.name = f"band:{lane.code}"
            draw.fill(band, draw.BAND)
        paras = [lane.code] + ([lane.note] if lane.note else [])
        box = Box(area.left, y0, gutter - draw.emu_pt(6), max(y1 - y0, lh))
        tb = draw.add_text(shapes, box, paras[:1], CODE_PT, bold=True, lang=lang,
                           anchor=MSO_ANCHOR.MIDDLE, name=f"lane-title:{lane.code}")
        if lane.note:
            p = tb.text_frame.add_paragraph()
            r = p.add_run()
            r.text = lane.note
            draw.style_run(r, LABEL_PT, colour=draw.MUTED, lang=lang)
    for i, t in enumerate(layout.ticks):
        _line(shapes, x(t.pos), top, x(t.pos), bottom, draw.RULE, 0.5, f"grid:{i}")
    codes = [lane.code for lane in layout.lanes]
    for b in layout.bars:
        _bar(shapes, b, codes[b.lane], x, y, pitch, lang, right)
    msize = min(int(pitch * 0.7), draw.emu_pt(14))
    for m in layout.markers:
        ym = y(m.y)
        if x(m.x_range[1]) - x(m.x_range[0]) > msize:
            _line(shapes, x(m.x_range[0]), ym, x(m.x_range[1]), ym, draw.tint(m.colour, 0.8),
                  1.25, f"whisker:{codes[m.lane]}:{m.index}")
        kind, flipped = symbol_shape(m.symbol)
        s = shapes.add_shape(kind, Emu(x(m.x) - msize // 2), Emu(ym - msize // 2), Emu(msize),
                             Emu(msize))
        s.name = f"marker:{codes[m.lane]}:{m.index}"
        if flipped:
            s.rotation = 180.0
        draw.fill(s, m.colour, line=palette.OUTLINE, line_pt=0.5)
        s._element.nvSpPr.cNvPr.set("descr", m.tooltip.replace("\n", "; "))
    x0 = x(0.0)
    _line(shapes, x0, top - lh // 2, x0, bottom, palette.OUTLINE, 1.5, "zero", dash=True)
    w0 = draw.emu_pt(draw.text_width(layout.zero_label, LABEL_PT, True) + 6)
    draw.add_text(shapes, Box(x0 - w0 // 2, area.top - lh // 3, w0, lh), layout.zero_label,
                  LABEL_PT, bold=True, lang=lang, align=PP_ALIGN.CENTER, wrap_text=False,
                  name="zero-label")
    y_axis = _axis(shapes, layout, x, bottom, left, right, lh, lang)
    _legend(shapes, layout, area.left, y_axis, area.width, lh, lang)


def _bar(shapes, b, code: str, x, y, pitch: int, lang: str, right: int) -> None:
    h = round(pitch * 0.72)
    yc = y(b.y)
    x0, x1 = x(b.x0), max(x(b.x1), x(b.x0) + draw.emu_pt(2))
    name = f"{code}:{b.index}"
    if b.solid is None or (b.solid[0], b.solid[1]) != (b.x0, b.x1):
        back = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(x0), Emu(yc - h // 2), Emu(x1 - x0),
                                Emu(h))
        back.name = f"bar-range:{name}"
        draw.fill(back, draw.tint(b.colour, 0.3), line=b.colour, line_pt=0.5)
    if b.solid is not None:
        s0, s1 = x(b.solid[0]), max(x(b.solid[1]), x(b.solid[0]) + draw.emu_pt(2))
        kind = MSO_SHAPE.PENTAGON if b.ongoing else MSO_SHAPE.RECTANGLE
        bar = shapes.add_shape(kind, Emu(s0), Emu(yc - h // 2), Emu(s1 - s0), Emu(h))
        bar.name = f"bar:{name}"
        draw.fill(bar, b.colour, line=palette.OUTLINE, line_pt=0.5)
        bar._element.nvSpPr.cNvPr.set("descr", b.tooltip.replace("\n", "; "))
    if b.label_pos == "none" or not b.label:
        return
    lx = x(b.label_x)
    room = {"inside": x1 - lx, "before": x0 - lx}.get(b.label_pos, right - lx)
    if room < draw.emu_pt(LABEL_PT):
        return
    shown = draw.truncate(b.label, draw.pt(room) - 3, LABEL_PT)
    w = min(draw.emu_pt(draw.text_width(shown, LABEL_PT) + 3), room)
    colour = b.label_colour
    if b.label_pos == "inside" and b.solid is not None and x(b.solid[0]) > lx + 2:
        colour = draw.INK
    draw.add_text(shapes, Box(lx, yc - h, w, 2 * h), shown, LABEL_PT, colour=colour,
                  lang=lang, wrap_text=False, anchor=MSO_ANCHOR.MIDDLE,
                  name=f"bar-label:{name}")


def _axis(shapes, layout: SeriesLayout, x, base: int, left: int, right: int, lh: int,
          lang: str) -> int:
    _line(shapes, left, base, right, base, draw.INK, 1.0, "axis")
    last = -10 ** 12
    for i, t in enumerate(layout.ticks):
        xt = x(t.pos)
        _line(shapes, xt, base, xt, base + draw.emu_pt(4), draw.INK, 1.0, f"tick:{i}")
        w = draw.emu_pt(draw.text_width(t.label, LABEL_PT) + 6)
        if xt - w // 2 < last:
            continue
        draw.add_text(shapes, Box(xt - w // 2, base + draw.emu_pt(4), w, lh), t.label,
                      LABEL_PT, lang=lang, align=PP_ALIGN.CENTER, wrap_text=False,
                      name=f"tick-label:{i}")
        last = xt + w // 2
    y = base + draw.emu_pt(4) + lh
    draw.add_text(shapes, Box(left, y, right - left, lh), layout.axis_title, LABEL_PT,
                  bold=True, lang=lang, align=PP_ALIGN.CENTER, wrap_text=False,
                  name="axis-title")
    return y + lh + draw.emu_pt(4)


def _legend(shapes, layout: SeriesLayout, left: int, y: int, width: int, lh: int,
            lang: str) -> None:
    xoff = 0
    size = draw.emu_pt(LABEL_PT * 0.8)
    for it in layout.legend:
        w = draw.emu_pt(draw.text_width(it.label, LABEL_PT) + LABEL_PT * 2.2)
        if xoff and xoff + w > width:
            y += lh
            xoff = 0
        cy = y + lh // 2
        if it.kind == "therapy":
            s = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(left + xoff), Emu(cy - size // 3),
                                 Emu(size), Emu(2 * size // 3))
            draw.fill(s, it.colour, line=palette.OUTLINE, line_pt=0.5)
        else:
            kind, flipped = symbol_shape(it.symbol)
            s = shapes.add_shape(kind, Emu(left + xoff), Emu(cy - size // 2), Emu(size),
                                 Emu(size))
            if flipped:
                s.rotation = 180.0
            draw.fill(s, it.colour, line=palette.OUTLINE, line_pt=0.5)
        s.name = f"legend-key:{it.kind}:{it.key}"
        draw.add_text(shapes, Box(left + xoff + size + draw.emu_pt(4), y, w - size, lh),
                      it.label, LABEL_PT, lang=lang, wrap_text=False, anchor=MSO_ANCHOR.MIDDLE,
                      name=f"legend:{it.kind}:{it.key}")
        xoff += w
    if layout.unaligned:
        text = f"{layout.unaligned_title}: " + ", ".join(u.code for u in layout.unaligned)
        draw.add_text(shapes, Box(left, y + lh, width, lh), text, LABEL_PT, bold=True,
                      lang=lang, wrap_text=False, name="unaligned")
