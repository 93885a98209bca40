"""The legend above the timeline: one entry per kind of mark the layout draws, flowed
into as many lines as the width needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPolygonF
from PySide6.QtWidgets import QSizePolicy

from desktop.core.timeline import TimelineLayout
from desktop.gui.timeline.style import INK, OUTLINE, WHITE, ItemHost, cosmetic_pen


@dataclass(frozen=True)
class LegendEntry:
    symbol: str  # a pyqtgraph symbol, or bar (ongoing) | uncertain | point
    colour: str
    hollow: bool
    text: str


def legend_entries(layout: TimelineLayout) -> list[LegendEntry]:
    """The marks a reader needs explained (``layout.legend``, the core's: the same as in
    the PDF and on the slides): each event type drawn, each result without a number
    (hollow), a therapy given once, an uncertain span and an ongoing therapy."""
    return [LegendEntry(i.symbol, i.colour, i.hollow, i.text) for i in layout.legend]


class Legend(pg.GraphicsWidget):
    """One or more lines of legend entries above the plot, aligned with it."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__()
        self.canvas = canvas
        self.entries: list[LegendEntry] = []
        self._lines = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._set_height(0)

    def set_entries(self, entries: list[LegendEntry]) -> None:
        self.entries = entries
        self._reflow()
        self.update()

    def _metrics(self) -> tuple[QFontMetricsF, float, float]:
        style = self.canvas.style_
        fm = QFontMetricsF(style.legend)
        return fm, max(fm.height(), style.symbol_px) + 6, style.gutter_px

    def _positions(self, width: float) -> list[tuple[float, int]]:
        fm, _, left = self._metrics()
        sym = self.canvas.style_.symbol_px
        x, line, out = left, 0, []
        for e in self.entries:
            w = sym + 6 + fm.horizontalAdvance(e.text)
            if x > left and x + w > width:
                x, line = left, line + 1
            out.append((x, line))
            x += w + fm.horizontalAdvance("M") * 1.6
        return out

    def _set_height(self, lines: int) -> None:
        _, line_h, _ = self._metrics()
        h = lines * line_h + (4 if lines else 0)
        self.setMinimumHeight(h)
        self.setMaximumHeight(h)
        self.setPreferredHeight(h)

    def _reflow(self) -> None:
        width = self.size().width() or 1000.0
        pos = self._positions(width)
        lines = (pos[-1][1] + 1) if pos else 0
        if lines != self._lines:
            self._lines = lines
            self._set_height(lines)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._reflow()

    def paint(self, p: QPainter, *_args) -> None:
        if not self.entries:
            return
        style = self.canvas.style_
        fm, line_h, _ = self._metrics()
        sym = style.symbol_px
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(style.legend)
        for e, (x, line) in zip(self.entries, self._positions(self.size().width()),
                                strict=True):
            yc = 2 + line * line_h + line_h / 2
            p.save()
            if e.symbol == "uncertain":
                box = QRectF(x, yc - sym * 0.3, sym * 1.05, sym * 0.6)
                p.fillRect(box, WHITE)
                p.fillRect(box, QBrush(QColor(e.colour), Qt.BrushStyle.BDiagPattern))
                p.setPen(cosmetic_pen(e.colour, 1.0))
                p.drawRect(box)
            elif e.symbol == "bar":
                p.fillRect(QRectF(x - sym * 0.2, yc - sym * 0.3, sym * 0.8, sym * 0.6),
                           QColor(e.colour))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(e.colour))
                p.drawPolygon(QPolygonF([QPointF(x + sym * 0.6, yc - sym * 0.5),
                                         QPointF(x + sym * 1.05, yc),
                                         QPointF(x + sym * 0.6, yc + sym * 0.5)]))
            else:
                p.translate(x + sym / 2, yc)
                if e.symbol == "point":
                    drawSymbol(p, "d", sym, cosmetic_pen(OUTLINE, 1.0), QBrush(QColor(e.colour)))
                elif e.hollow:
                    drawSymbol(p, e.symbol, sym, cosmetic_pen(e.colour, 1.6), QBrush(WHITE))
                else:
                    drawSymbol(p, e.symbol, sym, cosmetic_pen(OUTLINE, 1.0),
                               QBrush(QColor(e.colour)))
            p.restore()
            p.setPen(INK)
            p.drawText(QRectF(x + sym + 6, yc - line_h / 2, fm.horizontalAdvance(e.text) + 4,
                              line_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       e.text)
