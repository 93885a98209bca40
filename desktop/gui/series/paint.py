"""A ``SeriesLayout`` painted with QPainter: the window's canvas and the PNG/SVG/PDF
figure use this one function, so they agree. Positions come from the core; this maps
days and rows to pixels, fits text, and lays out the title, lanes, axis, legend and the
list of cases without the anchor.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from desktop.core import palette
from desktop.core.series import LegendItem, SeriesLayout
from desktop.gui.timeline.style import make_font

WHITE = QColor("#FFFFFF")
INK = QColor(palette.INK)
OUTLINE = QColor(palette.OUTLINE)
MUTED = QColor("#555555")
BAND = QColor("#F3F4F6")
GRID = QColor("#DADDE1")
ZERO = QColor("#222222")


@dataclass(frozen=True)
class SeriesStyle:
    """Type sizes in pixels; ``k`` scales pens and symbols."""

    px: float
    k: float

    @classmethod
    def for_size(cls, w: float, h: float) -> SeriesStyle:
        k = min(max(min(w / 1920, h / 1080), 0.45), 4.0)
        return cls(19.0 * k, k)

    def font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        return make_font(px=self.px * scale, bold=bold)


def tint(colour: str, amount: float) -> QColor:
    c = QColor(colour)
    return QColor.fromRgbF(c.redF() + (1 - c.redF()) * amount,
                           c.greenF() + (1 - c.greenF()) * amount,
                           c.blueF() + (1 - c.blueF()) * amount)


def symbol_path(name: str, r: float) -> QPainterPath:
    """The palette symbol ``name`` (pyqtgraph's names) centred on 0, 0."""
    p = QPainterPath()
    if name == "s":
        p.addRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8))
    elif name in ("t", "t1"):
        s = -1 if name == "t1" else 1
        p.moveTo(-r, -s * r * 0.8)
        p.lineTo(r, -s * r * 0.8)
        p.lineTo(0, s * r * 1.1)
        p.closeSubpath()
    elif name == "d":
        for i, (x, y) in enumerate(((0, -r * 1.2), (r, 0), (0, r * 1.2), (-r, 0))):
            (p.moveTo if i == 0 else p.lineTo)(x, y)
        p.closeSubpath()
    elif name in ("star", "h", "p"):
        n, inner = {"star": (10, 0.45), "h": (6, 1.0), "p": (5, 1.0)}[name]
        for i in range(n):
            rr = r * 1.25 if name == "star" and i % 2 == 0 else r * (inner if name == "star"
                                                                       else 1.1)
            a = math.radians(-90 + 360 * i / n)
            (p.moveTo if i == 0 else p.lineTo)(rr * math.cos(a), rr * math.sin(a))
        p.closeSubpath()
    elif name in ("x", "+"):
        w = r * 0.35
        arm = r * 1.1
        bar = QPainterPath()
        bar.addRect(QRectF(-arm, -w, 2 * arm, 2 * w))
        bar2 = QPainterPath()
        bar2.addRect(QRectF(-w, -arm, 2 * w, 2 * arm))
        p = bar.united(bar2)
        if name == "x":
            from PySide6.QtGui import QTransform

            p = QTransform().rotate(45).map(p)
    else:
        p.addEllipse(QPointF(0, 0), r, r)
    return p


def draw_symbol(p: QPainter, name: str, x: float, y: float, r: float, colour: str,
                hollow: bool = False, k: float = 1.0) -> None:
    p.save()
    p.translate(x, y)
    if hollow:
        p.setPen(QPen(QColor(colour), 1.6 * k))
        p.setBrush(WHITE)
    else:
        p.setPen(QPen(OUTLINE, 0.8 * k))
        p.setBrush(QColor(colour))
    p.drawPath(symbol_path(name, r))
    p.restore()


def _elide(fm: QFontMetricsF, s: str, width: float) -> str:
    return fm.elidedText(s, Qt.TextElideMode.ElideRight, max(width, 0.0))


def _wrap(fm: QFontMetricsF, s: str, width: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    for w in s.split():
        if lines and fm.horizontalAdvance(f"{lines[-1]} {w}") <= width:
            lines[-1] = f"{lines[-1]} {w}"
        else:
            lines.append(w)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [_elide(fm, s, width) for s in lines]


@dataclass
class Geometry:
    """Where everything lands in pixels (kept for hit tests in the window)."""

    left: float
    right: float
    top: float
    row: float
    x_min: float
    x_max: float

    def x(self, days: float) -> float:
        return self.left + (days - self.x_min) / ((self.x_max - self.x_min) or 1.0) \
            * (self.right - self.left)

    def y(self, rows: float) -> float:
        return self.top + rows * self.row


def _legend_lines(items: tuple[LegendItem, ...], fm: QFontMetricsF, width: float, sym: float
                  ) -> list[list[tuple[LegendItem, float]]]:
    lines: list[list[tuple[LegendItem, float]]] = [[]]
    x = 0.0
    for it in items:
        w = sym * 2.6 + fm.horizontalAdvance(it.label) + sym * 1.6
        if lines[-1] and x + w > width:
            lines.append([])
            x = 0.0
        lines[-1].append((it, x))
        x += w
    return lines


def paint_series(p: QPainter, layout: SeriesLayout, rect: QRectF, style: SeriesStyle
                 ) -> Geometry:
    """Paint the whole series figure into ``rect``; returns the day/row → pixel map."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.fillRect(rect, WHITE)
    k = style.k
    f_title, f_label = style.font(1.2, True), style.font(1.0)
    f_code, f_small = style.font(1.0, True), style.font(0.85)
    fm_t, fm, fm_c, fm_s = (QFontMetricsF(f) for f in (f_title, f_label, f_code, f_small))
    pad = 12 * k
    left0, right0 = rect.left() + pad, rect.right() - pad
    gutter = min(max(rect.width() * 0.2, 160 * k), 420 * k)
    plot_l, plot_r = left0 + gutter, right0 - 8 * k
    sym = style.px * 0.42
    legend = _legend_lines(layout.legend, fm_s, right0 - left0, sym)
    extra = [ln for ln in _extra_lines(layout) if ln]
    below = (fm.height() * 2.6 + len(legend) * fm_s.height() * 1.25
             + len(extra) * fm_s.height() * 1.25 + pad)
    top = rect.top() + pad + fm_t.height() * 1.3 + fm_s.height() * 1.4
    room = rect.bottom() - below - top
    row = min(room / max(layout.height, 1.0), style.px * 2.1)
    g = Geometry(plot_l, plot_r, top, row, layout.x_min, layout.x_max)
    p.setFont(f_title)
    p.setPen(INK)
    p.drawText(QPointF(left0, rect.top() + pad + fm_t.ascent()),
               _elide(fm_t, layout.title, right0 - left0))
    p.setFont(f_small)
    p.setPen(MUTED)
    p.drawText(QPointF(left0, rect.top() + pad + fm_t.height() * 1.3 + fm_s.ascent()),
               _elide(fm_s, layout.axis_title, right0 - left0))
    bottom = g.y(layout.height)
    _lanes(p, layout, g, left0, gutter, (fm_c, fm_s, f_code, f_small), k)
    _grid(p, layout, g, bottom, k)
    lab_px = min(style.px, g.row * 0.85)  # a dense series: smaller type, then none
    f_bar = style.font(lab_px / style.px)
    _bars(p, layout, g, QFontMetricsF(f_bar), f_bar, k, lab_px >= 8)
    _markers(p, layout, g, min(sym, g.row * 0.4), k)
    _track(p, layout, g, min(sym, g.row * 0.4), k, left0)
    _zero(p, layout, g, bottom, fm_s, f_small, k)
    y = _axis(p, layout, g, bottom, fm, f_label, k)
    y = _legend(p, legend, left0, y + fm.height() * 0.4, fm_s, f_small, sym, k)
    p.setFont(f_small)
    p.setPen(INK)
    for line in extra:
        p.drawText(QPointF(left0, y + fm_s.ascent()), _elide(fm_s, line, right0 - left0))
        y += fm_s.height() * 1.25
    p.restore()
    return g


def _extra_lines(layout: SeriesLayout) -> list[str]:
    out = []
    if layout.unaligned:
        out.append(f"{layout.unaligned_title}: " + ", ".join(u.code for u in layout.unaligned))
    if layout.filtered:
        out.append(f"{layout.filtered_title}: " + ", ".join(layout.filtered))
    return out


def _lanes(p: QPainter, layout: SeriesLayout, g: Geometry, left: float, gutter: float,
           fonts, k: float) -> None:
    fm_c, fm_s, f_code, f_small = fonts
    lane_px = min((g.y(lane.height) - g.y(0)) for lane in layout.lanes) if layout.lanes else 0
    if layout.lanes and lane_px < fm_c.height():
        f_code = make_font(px=max(lane_px * 0.8, 6.0), bold=True)
        fm_c = QFontMetricsF(f_code)
    for i, lane in enumerate(layout.lanes):
        y0, y1 = g.y(lane.y), g.y(lane.y + lane.height)
        if i % 2 == 0:
            p.fillRect(QRectF(left, y0 - g.row * 0.2, g.right - left, y1 - y0 + g.row * 0.4),
                       BAND)
        width = gutter - 14 * k
        p.setFont(f_code)
        p.setPen(INK)
        p.drawText(QPointF(left + 4 * k, y0 + fm_c.ascent()), _elide(fm_c, lane.code, width))
        lines_room = max(int((y1 - y0 - fm_c.height()) / fm_s.height()), 0)
        note = [lane.note] if lane.note and lines_room > 1 else []
        lines = _wrap(fm_s, lane.title, width, max(lines_room - len(note), 0)) \
            if lane.title and lines_room - len(note) > 0 else []
        p.setFont(f_small)
        y = y0 + fm_c.height()
        for s in [*lines, *(_elide(fm_s, n, width) for n in note)]:
            p.setPen(MUTED)
            p.drawText(QPointF(left + 4 * k, y + fm_s.ascent()), s)
            y += fm_s.height()


def _grid(p: QPainter, layout: SeriesLayout, g: Geometry, bottom: float, k: float) -> None:
    p.setPen(QPen(GRID, 1.0 * k))
    for t in layout.ticks:
        x = g.x(t.pos)
        p.drawLine(QPointF(x, g.top), QPointF(x, bottom))


def _bars(p: QPainter, layout: SeriesLayout, g: Geometry, fm: QFontMetricsF, font: QFont,
          k: float, labels: bool) -> None:
    h = g.row * 0.72
    p.setFont(font)
    for b in layout.bars:
        yc = g.y(b.y)
        x0, x1 = g.x(b.x0), max(g.x(b.x1), g.x(b.x0) + 2 * k)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(tint(b.colour, 0.62))
        p.drawRect(QRectF(x0, yc - h / 2, x1 - x0, h))
        if b.solid is not None:
            s0, s1 = g.x(b.solid[0]), g.x(b.solid[1])
            p.setBrush(QColor(b.colour))
            p.drawRect(QRectF(s0, yc - h / 2, max(s1 - s0, 2 * k), h))
        pen = QPen(QColor(b.colour), 1.0 * k)
        if b.approximate:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x0, yc - h / 2, x1 - x0, h))
        if b.ongoing:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(b.colour))
            tri = QPainterPath()
            tri.moveTo(x1, yc - h / 2 - 2 * k)
            tri.lineTo(x1 + 8 * k, yc)
            tri.lineTo(x1, yc + h / 2 + 2 * k)
            tri.closeSubpath()
            p.drawPath(tri)
        if b.label_pos == "none" or not b.label or not labels:
            continue
        lx = g.x(b.label_x)
        room = {"inside": x1 - lx, "before": x0 - lx}.get(b.label_pos, g.right - lx)
        s = _elide(fm, b.label, room)
        if b.label_pos == "inside" and b.solid is not None and g.x(b.solid[0]) > lx + 2:
            colour = INK
        else:
            colour = QColor(b.label_colour)
        p.setPen(colour)
        p.drawText(QPointF(lx, yc + fm.ascent() / 2 - fm.descent() / 2), s)


def _markers(p: QPainter, layout: SeriesLayout, g: Geometry, r: float, k: float) -> None:
    for m in layout.markers:
        y = g.y(m.y)
        a, b = g.x(m.x_range[0]), g.x(m.x_range[1])
        if b - a > 3 * k:
            p.setPen(QPen(tint(m.colour, 0.25), 1.5 * k))
            p.drawLine(QPointF(a, y), QPointF(b, y))
            p.drawLine(QPointF(a, y - 4 * k), QPointF(a, y + 4 * k))
            p.drawLine(QPointF(b, y - 4 * k), QPointF(b, y + 4 * k))
    for m in layout.markers:
        draw_symbol(p, m.symbol, g.x(m.x), g.y(m.y), r, m.colour, k=k)


def _track(p: QPainter, layout: SeriesLayout, g: Geometry, r: float, k: float,
           gutter_left: float) -> None:
    if layout.track_range is None:
        return
    from desktop.core.series.layout import TRACK_ROWS

    strip = TRACK_ROWS * g.row
    f = make_font(px=min(r * 2.0, strip / 2.2))
    fm = QFontMetricsF(f)
    p.setFont(f)
    texts = strip >= 3 * fm.height() and fm.height() >= 7
    for lane in layout.lanes:
        if lane.track_y is None:
            continue
        top, bottom = g.y(lane.track_y), g.y(lane.track_y + TRACK_ROWS)
        p.fillRect(QRectF(g.left, top, g.right - g.left, bottom - top), WHITE)
        if layout.track_label and texts:
            p.setPen(MUTED)
            label = _elide(fm, layout.track_label, g.left - 60 * k - gutter_left)
            p.drawText(QPointF(gutter_left + 4 * k, (top + bottom) / 2 + fm.ascent() / 2),
                       label)
        p.setPen(QPen(INK, 0.8 * k))
        p.drawLine(QPointF(g.left, top), QPointF(g.left, bottom))
        for t in layout.track_ticks:
            y = top + t.pos * g.row
            p.setPen(QPen(GRID, 0.8 * k))
            p.drawLine(QPointF(g.left, y), QPointF(g.right, y))
            if not texts:
                continue
            p.setPen(MUTED)
            p.drawText(QPointF(g.left - 4 * k - fm.horizontalAdvance(t.label),
                               min(max(y + fm.ascent() / 2 - 1, top + fm.ascent()), bottom)),
                       t.label)
    by_lane: dict[int, list] = {}
    for pt in layout.points:
        by_lane.setdefault(pt.lane, []).append(pt)
    colour = QColor(palette.INK)
    for pts in by_lane.values():
        valued = sorted((q for q in pts if q.value is not None and not q.hollow),
                        key=lambda q: q.x)
        p.setPen(QPen(colour, 1.2 * k))
        for a, b in itertools.pairwise(valued):
            p.drawLine(QPointF(g.x(a.x), g.y(a.y)), QPointF(g.x(b.x), g.y(b.y)))
        for q in pts:
            draw_symbol(p, q.symbol, g.x(q.x), g.y(q.y), r * 0.85, palette.INK,
                        hollow=q.hollow, k=k)


def _zero(p: QPainter, layout: SeriesLayout, g: Geometry, bottom: float,
          fm: QFontMetricsF, font: QFont, k: float) -> None:
    x = g.x(0.0)
    pen = QPen(ZERO, 1.6 * k)
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(x, g.top - 4 * k), QPointF(x, bottom))
    p.setFont(font)
    p.setPen(ZERO)
    w = fm.horizontalAdvance(layout.zero_label)
    p.drawText(QPointF(x - w / 2, g.top - 6 * k), layout.zero_label)


def _axis(p: QPainter, layout: SeriesLayout, g: Geometry, y: float, fm: QFontMetricsF,
          font: QFont, k: float) -> float:
    p.setPen(QPen(INK, 1.2 * k))
    p.drawLine(QPointF(g.left, y), QPointF(g.right, y))
    p.setFont(font)
    last = -1e9
    for t in layout.ticks:
        x = g.x(t.pos)
        p.setPen(QPen(INK, 1.0 * k))
        p.drawLine(QPointF(x, y), QPointF(x, y + 5 * k))
        w = fm.horizontalAdvance(t.label)
        if x - w / 2 < last + 6 * k:
            continue
        p.setPen(INK)
        p.drawText(QPointF(x - w / 2, y + 6 * k + fm.ascent()), t.label)
        last = x + w / 2
    return y + 6 * k + fm.height() * 1.2


def _legend(p: QPainter, lines, left: float, y: float, fm: QFontMetricsF, font: QFont,
            sym: float, k: float) -> float:
    p.setFont(font)
    for line in lines:
        cy = y + fm.height() / 2
        for it, x in line:
            cx = left + x + sym
            if it.kind == "therapy":
                p.setPen(QPen(OUTLINE, 0.6 * k))
                p.setBrush(QColor(it.colour))
                p.drawRect(QRectF(cx - sym, cy - sym * 0.7, sym * 2, sym * 1.4))
            else:
                draw_symbol(p, it.symbol, cx, cy, sym * 0.9,
                            it.colour if it.kind == "event" else palette.INK, k=k)
            p.setPen(INK)
            p.drawText(QPointF(cx + sym * 1.6, y + fm.ascent()), it.label)
        y += fm.height() * 1.25
    return y
