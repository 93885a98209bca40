"""The painted items under the markers: lane bands and grid lines (``Backdrop``),
therapy bars with their labels inside (``Bars``), whiskers and series lines (``Paths``)
and the outline of the selected item (``Highlight``). Each paints in device pixels at
positions the core's layout gives in days and rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from desktop.core import timeline
from desktop.core.timeline import TimelineLayout
from desktop.gui.timeline.style import (
    BAND,
    GRID,
    INK,
    MUTED,
    OUTLINE,
    SELECT,
    VALUE_GRID,
    WHITE,
    Y_PAD,
    ItemHost,
    cosmetic_pen,
    device_scale,
    tint,
)


class Painted(pg.GraphicsObject):
    """An item in data coordinates that paints in device pixels."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect


class Backdrop(Painted):
    """Lane bands, axis breaks, the grid at the time ticks, value grid lines and
    thresholds."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(-100)
        self.layout_: TimelineLayout | None = None

    def set_layout(self, layout: TimelineLayout | None) -> None:
        self.layout_ = layout
        if layout is None:
            self.set_rect(QRectF())
            return
        span = layout.x_max - layout.x_min
        self.set_rect(QRectF(layout.x_min - span, -1.0, 3 * span, layout.height + 2.0))

    def paint(self, p: QPainter, *_args) -> None:
        layout, vb = self.layout_, self.getViewBox()
        if layout is None or vb is None:
            return
        style = self.canvas.style_
        sx, tx, sy, ty = device_scale(p)
        view = vb.viewRect()
        left, right = view.left() * sx + tx, view.right() * sx + tx
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for i, lane in enumerate(layout.lanes):
            if i % 2 == 0:
                top = (lane.y - timeline.LANE_GAP / 2) * sy + ty
                bottom = (lane.y + lane.height + timeline.LANE_GAP / 2) * sy + ty
                p.fillRect(QRectF(left, top, right - left, bottom - top), BAND)
        top, bottom = -Y_PAD * sy + ty, (layout.height + Y_PAD) * sy + ty
        for br in layout.breaks:  # a long empty stretch, shortened: white, dashed edges
            a, b = br.x0 * sx + tx, br.x1 * sx + tx
            p.fillRect(QRectF(a, top, b - a, bottom - top), WHITE)
            p.setPen(cosmetic_pen(MUTED, 1.0, dash=True))
            for x in (a, b):
                p.drawLine(QPointF(x, top), QPointF(x, bottom))
        p.setPen(cosmetic_pen(GRID, 1.0))
        for t in self.canvas.time_axis.ticks_for(view.left(), view.right()):
            x = t.pos * sx + tx
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
        fm = QFontMetricsF(style.value)
        for lane in layout.lanes:
            if lane.kind != "series":
                continue
            p.setPen(cosmetic_pen(VALUE_GRID, 1.0))
            for t in lane.value_ticks:
                y = t.pos * sy + ty
                p.drawLine(QPointF(left, y), QPointF(right, y))
            if lane.threshold_y is None:
                continue
            y = lane.threshold_y * sy + ty
            p.setPen(cosmetic_pen(INK, style.pen_px * 0.8, dash=True))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            if lane.threshold_label:  # at the right edge, above the line (below near the top)
                w, h = fm.horizontalAdvance(lane.threshold_label), fm.height()
                near_top = (lane.threshold_y - lane.y) * sy < h + 2
                rect = QRectF(right - w - 8, y + 2 if near_top else y - h - 2, w + 4, h)
                p.fillRect(rect, WHITE)
                p.setFont(style.value)
                p.setPen(MUTED)
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, lane.threshold_label)


class BarGroup:
    """The bars of one colour as arrays (days and rows), drawn with a few calls."""

    def __init__(self, colour: str, bars: list[timeline.Bar], pen_px: float) -> None:
        self.fill = QColor(colour)
        self.faded = tint(colour, 0.86)
        self.hatch = QBrush(tint(colour, 0.3), Qt.BrushStyle.BDiagPattern)
        self.pen = cosmetic_pen(colour, max(1.0, pen_px * 0.6))
        self.dashed = cosmetic_pen(colour, max(1.0, pen_px * 0.6), dash=True)
        self.x0 = np.array([b.x0 for b in bars], float)
        self.x1 = np.array([b.x1 for b in bars], float)
        self.y = np.array([b.y for b in bars], float)
        self.h = np.array([b.height for b in bars], float)
        self.s0 = np.array([b.solid[0] if b.solid else np.nan for b in bars], float)
        self.s1 = np.array([b.solid[1] if b.solid else np.nan for b in bars], float)
        self.approx = [b.approximate for b in bars]
        self.ongoing = np.array([b.ongoing for b in bars], bool)
        self.has_solid = [b.solid is not None for b in bars]


class Bars(Painted):
    """Every therapy bar: pale and hatched over the uncertain part (as in the PDF and on
    the slides: never read as treatment time), solid over the certain one, an outline
    (dashed when a date is approximate) and an arrow when ongoing; a therapy given once
    is a diamond, with a whisker over an uncertain date."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__()
        self.canvas = canvas
        self.bars: list[timeline.Bar] = []
        self.groups: list[BarGroup] = []

    def set_bars(self, bars: Sequence[timeline.Bar], pen_px: float) -> None:
        self.bars = list(bars)
        self.points = [b for b in bars if b.point]
        by_colour: dict[str, list[timeline.Bar]] = {}
        for b in bars:
            if not b.point:
                by_colour.setdefault(b.colour, []).append(b)
        self.groups = [BarGroup(c, group, pen_px) for c, group in by_colour.items()]
        if not bars:
            self.set_rect(QRectF())
            return
        x0, x1 = min(b.x0 for b in bars), max(b.x1 for b in bars)
        y0, y1 = min(b.y - b.height for b in bars), max(b.y + b.height for b in bars)
        self.set_rect(QRectF(x0 - 1, y0, x1 - x0 + 2, y1 - y0))

    def paint(self, p: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if not self.bars or vb is None:
            return
        sx, tx, sy, ty = device_scale(p)
        view = vb.viewRect()
        left, right = view.left() * sx + tx - 20, view.right() * sx + tx + 20
        arrow = self.canvas.style_.symbol_px * 0.55
        p.resetTransform()
        self._paint_points(p, sx, tx, sy, ty, left, right)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for g in self.groups:
            x0 = g.x0 * sx + tx
            x1 = np.maximum(g.x1 * sx + tx, x0 + 2.0)  # a one-day therapy stays visible
            keep = np.flatnonzero((x1 >= left) & (x0 <= right))
            if not len(keep):
                continue
            h = np.abs(g.h * sy)
            yc = g.y * sy + ty
            top = yc - h / 2
            keep = keep.tolist()
            x0, x1, h, yc, top = x0.tolist(), x1.tolist(), h.tolist(), yc.tolist(), top.tolist()
            rects = [QRectF(x0[i], top[i], x1[i] - x0[i], h[i]) for i in keep]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(g.faded)
            p.drawRects(rects)
            p.setBrush(g.hatch)
            p.drawRects(rects)
            solid = [i for i in keep if g.has_solid[i]]
            if solid:
                s0, s1 = (g.s0 * sx + tx).tolist(), (g.s1 * sx + tx).tolist()
                p.setBrush(g.fill)
                p.drawRects([QRectF(s0[i], top[i], max(s1[i] - s0[i], 2.0), h[i])
                             for i in solid])
            p.setBrush(Qt.BrushStyle.NoBrush)
            for pen, want in ((g.pen, False), (g.dashed, True)):
                sel = [r for r, i in zip(rects, keep, strict=True) if g.approx[i] == want]
                if sel:
                    p.setPen(pen)
                    p.drawRects(sel)
            arrows = [i for i in keep if g.ongoing[i]]
            if arrows:  # the tip at the bar's end: the layout's right edge stays visible
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(g.fill)
                for i in arrows:
                    a = arrow * 0.45
                    p.drawPolygon(QPolygonF([QPointF(x1[i] - arrow, top[i] - a),
                                             QPointF(x1[i], yc[i]),
                                             QPointF(x1[i] - arrow, top[i] + h[i] + a)]))
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)


    def _paint_points(self, p: QPainter, sx: float, tx: float, sy: float, ty: float,
                      left: float, right: float) -> None:
        """Therapies given once: a diamond at the middle of their date, a whisker with
        end caps over its uncertainty."""
        r = self.canvas.style_.symbol_px * 0.55
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for b in self.points:
            x0, x1 = b.x0 * sx + tx, b.x1 * sx + tx
            if x1 < left or x0 > right:
                continue
            y, xc = b.y * sy + ty, (x0 + x1) / 2
            if b.solid is None and x1 - x0 > 3:
                p.setPen(cosmetic_pen(tint(b.colour, 0.25), 1.5))
                p.drawLine(QPointF(x0, y), QPointF(x1, y))
                for xx in (x0, x1):
                    p.drawLine(QPointF(xx, y - r * 0.6), QPointF(xx, y + r * 0.6))
            p.setPen(cosmetic_pen(OUTLINE, 1.0))
            p.setBrush(QColor(b.colour))
            p.drawPolygon(QPolygonF([QPointF(xc, y - r * 1.2), QPointF(xc + r, y),
                                     QPointF(xc, y + r * 1.2), QPointF(xc - r, y)]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)


class Paths(Painted):
    """Paths in data coordinates, each with its cosmetic pen: whiskers, series lines."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.paths: list[tuple[QPainterPath, QPen]] = []
        self.antialias = False

    def set_paths(self, paths: list[tuple[QPainterPath, QPen]], *, antialias: bool) -> None:
        self.paths, self.antialias = paths, antialias
        rect = QRectF()
        for path, _ in paths:
            rect = rect.united(path.boundingRect())
        self.set_rect(rect.adjusted(-1, -1, 1, 1) if paths else QRectF())

    def paint(self, p: QPainter, *_args) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for path, pen in self.paths:
            p.setPen(pen)
            p.drawPath(path)


class Highlight(Painted):
    """An outline around the selected item."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(30)
        self.shapes: list[tuple[str, float, float, float, float]] = []

    def set_shapes(self, shapes: list[tuple[str, float, float, float, float]]) -> None:
        self.shapes = shapes
        if not shapes:
            self.set_rect(QRectF())
            return
        x0 = min(s[1] for s in shapes) - 60
        x1 = max(s[2] for s in shapes) + 60
        y0 = min(s[3] for s in shapes) - 2
        y1 = max(s[4] for s in shapes) + 2
        self.set_rect(QRectF(x0, y0, x1 - x0, y1 - y0))

    def paint(self, p: QPainter, *_args) -> None:
        sx, tx, sy, ty = device_scale(p)
        r = self.canvas.style_.symbol_px * 0.8
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(cosmetic_pen(SELECT, self.canvas.style_.pen_px * 1.5, dash=True))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for kind, x0, x1, y0, y1 in self.shapes:
            if kind == "rect":
                a, b = x0 * sx + tx, max(x1 * sx + tx, x0 * sx + tx + 2)
                p.drawRect(QRectF(a - 3, y0 * sy + ty - 3, b - a + 6, (y1 - y0) * sy + 6))
            else:
                p.drawEllipse(QPointF(x0 * sx + tx, y0 * sy + ty), r, r)
