"""The timeline's axes: calendar or relative ticks from ``timeline.ticks`` for the
visible span (``TimeAxis``), and lane titles with value ticks on the left (``LaneAxis``).
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter

from desktop.core import timeline
from desktop.core.timeline import Lane, Tick, TimelineLayout
from desktop.gui.timeline.style import (
    BAND,
    INK,
    MUTED,
    OUTLINE,
    WHITE,
    ItemHost,
    TimelineStyle,
    cosmetic_pen,
    fit_lines,
)


class TimeAxis(pg.AxisItem):
    """Calendar or relative ticks from ``timeline.ticks`` for the visible span: zooming in
    gives finer ticks; ticks are made coarser until their labels fit side by side."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__("bottom")
        self.canvas = canvas
        self.layout_: TimelineLayout | None = None
        self._cache: dict[tuple[float, float], tuple[Tick, ...]] = {}
        self._labels: dict[float, str] = {}
        self.shown: tuple[Tick, ...] = ()
        self.title = ""
        self.apply_style(canvas.style_)

    def apply_style(self, style: TimelineStyle) -> None:
        fm = QFontMetricsF(style.tick)
        self.setStyle(tickFont=style.tick, tickTextOffset=int(fm.height() * 0.3),
                      tickLength=int(fm.height() * 0.35), autoExpandTextSpace=True)
        self.setPen(cosmetic_pen(INK, 1.0))
        self.setTextPen(INK)
        self.label.setFont(style.tick)
        self.label.setDefaultTextColor(MUTED)

    def set_layout(self, layout: TimelineLayout | None) -> None:
        self.layout_ = layout
        self._cache.clear()
        self.title = layout.axis_title if layout else ""
        self.setLabel(html.escape(self.title))
        self.picture = None
        self.update()

    def ticks_for(self, lo: float, hi: float) -> tuple[Tick, ...]:
        """The ticks between ``lo`` and ``hi`` days at the axis's width."""
        layout = self.layout_
        if layout is None or not hi > lo:
            return ()
        key = (lo, hi)
        got = self._cache.get(key)
        if got is None:
            if len(self._cache) > 64:
                self._cache.clear()
            got = self._cache[key] = self._fit(layout, lo, hi)
        return got

    def _fit(self, layout: TimelineLayout, lo: float, hi: float) -> tuple[Tick, ...]:
        width = max(self.size().width(), 50.0)
        fm = QFontMetricsF(self.canvas.style_.tick)
        gap = fm.horizontalAdvance("  ") * 1.5
        span = hi - lo
        ticks: tuple[Tick, ...] = ()
        for _ in range(12):
            ticks = timeline.ticks(layout, span, x_min=lo, x_max=hi)
            need = sum(fm.horizontalAdvance(t.label) + gap for t in ticks)
            if need <= width * 0.92:
                break
            span *= 1.6
        title = timeline.axis_title(layout, span)  # the one unit the ticks count in
        if title != self.title:
            self.title = title
            self.setLabel(html.escape(title))
        return ticks

    def paint(self, p: QPainter, *args) -> None:
        """The axis, cut at each break by a gap with a slanted stroke at each end."""
        super().paint(p, *args)
        layout, vb = self.layout_, self.linkedView()
        if layout is None or vb is None or not layout.breaks:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        h = max(QFontMetricsF(self.canvas.style_.tick).height() * 0.35, 4.0)
        for br in layout.breaks:
            a, b = (self.mapFromScene(vb.mapViewToScene(QPointF(x, 0))).x()
                    for x in (br.x0, br.x1))
            p.fillRect(QRectF(a + 1, -2, b - a - 2, 5), WHITE)
            p.setPen(cosmetic_pen(MUTED, 1.5))
            for x in (a, b):
                p.drawLine(QPointF(x - h / 2, h), QPointF(x + h / 2, -h))

    def tickValues(self, minVal: float, maxVal: float, size: float):
        ticks = self.ticks_for(minVal, maxVal)
        self.shown = ticks
        self._labels = {t.pos: t.label for t in ticks}
        return [(max(maxVal - minVal, 1e-9), [t.pos for t in ticks])]

    def tickStrings(self, values, scale, spacing):
        return [self._labels.get(v, "") for v in values]


class LaneAxis(pg.AxisItem):
    """The column left of the plot: each lane's title (wrapped to the lane's height), the
    legend of a lane with several series, and the value ticks of a series lane."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__("left")
        self.canvas = canvas
        self.layout_: TimelineLayout | None = None
        self.drawn: list[str] = []  # every text drawn at the last paint
        self.setWidth(int(canvas.style_.gutter_px))

    def set_layout(self, layout: TimelineLayout | None) -> None:
        self.layout_ = layout
        self.update()

    def _entries(self, lane: Lane) -> list[tuple[str, str, str]]:
        """(symbol, colour, label) of each series style in a lane with more than one."""
        assert self.layout_ is not None
        seen: dict[tuple[str, str], str] = {}
        for s in self.layout_.series:
            if s.lane_id == lane.id:
                seen.setdefault((s.symbol, s.colour), s.label)
        return [(sym, col, text) for (sym, col), text in seen.items()] if len(seen) > 1 else []

    def paint(self, p: QPainter, *_args) -> None:
        layout, vb = self.layout_, self.linkedView()
        self.drawn = []
        if layout is None or vb is None:
            return
        style = self.canvas.style_
        width = self.size().width()

        def ly(y: float) -> float:
            return self.mapFromScene(vb.mapViewToScene(QPointF(0, y))).y()

        row_px = abs(ly(1.0) - ly(0.0))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        fm_t, fm_v, fm_l = (QFontMetricsF(f) for f in (style.title, style.value, style.legend))
        tick_room = 0.0
        if any(lane.kind == "series" for lane in layout.lanes):
            tick_room = max((fm_v.horizontalAdvance(t.label) for lane in layout.lanes
                             for t in lane.value_ticks), default=0.0) + 12
        pad = 6.0
        text_w = width - tick_room - 2 * pad
        for i, lane in enumerate(layout.lanes):
            top, bottom = ly(lane.y), ly(lane.y + lane.height)
            gap = row_px * timeline.LANE_GAP
            if i % 2 == 0:
                p.fillRect(QRectF(0, top - gap / 2, width, bottom - top + gap), BAND)
            entries = self._entries(lane) if lane.kind == "series" else []
            line_t = fm_t.height() * 0.9
            line_l = max(fm_l.height() * 0.9, style.symbol_px)
            room = bottom - top + gap * 0.9
            n_entries = max(0, min(len(entries), int((room - line_t) // line_l)))
            n_title = max(1, int((room - n_entries * line_l) // line_t))
            lines = fit_lines(lane.label, fm_t, text_w if lane.kind == "series"
                              else width - 2 * pad, n_title)
            block = len(lines) * line_t + n_entries * line_l
            y = (top + bottom) / 2 - block / 2
            p.setFont(style.title)
            p.setPen(INK)
            title_w = text_w if lane.kind == "series" else width - 2 * pad
            for s in lines:
                p.drawText(QRectF(pad, y, title_w, line_t),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, s)
                self.drawn.append(s)
                y += line_t
            p.setFont(style.legend)
            for sym, colour, text in entries[:n_entries]:
                s = fm_l.elidedText(text, Qt.TextElideMode.ElideRight,
                                    text_w - style.symbol_px - 6)
                w = fm_l.horizontalAdvance(s)
                p.setPen(INK)
                p.drawText(QRectF(pad, y, text_w, line_l),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, s)
                p.save()
                p.translate(pad + text_w - w - 4 - style.symbol_px / 2, y + line_l / 2)
                drawSymbol(p, sym, style.symbol_px * 0.8, cosmetic_pen(OUTLINE, 1.0),
                           QBrush(QColor(colour)))
                p.restore()
                self.drawn.append(s)
                y += line_l
            if lane.kind == "series":
                self._value_ticks(p, lane, ly, top, bottom, width, fm_v)

    def _value_ticks(self, p: QPainter, lane: Lane, ly, top: float, bottom: float,
                     width: float, fm: QFontMetricsF) -> None:
        style = self.canvas.style_
        p.setPen(cosmetic_pen(INK, 1.0))
        p.drawLine(QPointF(width - 1, top), QPointF(width - 1, bottom))
        p.setFont(style.value)
        h = fm.height()
        taken: list[float] = []  # centres of the labels drawn: never two on one another
        # the ends of the scale first, then the ticks between them where there is room
        ticks = sorted(lane.value_ticks, key=lambda t: t is not lane.value_ticks[0]
                       and t is not lane.value_ticks[-1])
        for t in ticks:
            y = ly(t.pos)
            p.setPen(cosmetic_pen(INK, 1.0))
            p.drawLine(QPointF(width - 6, y), QPointF(width - 1, y))
            yc = min(max(y, top + h / 2 - 2), bottom - h / 2 + 2)  # inside the lane
            if any(abs(yc - other) < h * 0.85 for other in taken):
                continue
            taken.append(yc)
            p.setPen(MUTED)
            p.drawText(QRectF(0, yc - h / 2, width - 9, h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, t.label)
            self.drawn.append(t.label)
