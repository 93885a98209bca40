"""The labels the core's layout chose to show, and the callout numbers of the markers
it keys, painted in device pixels at their anchors; only those within the visible span
are drawn.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from desktop.core.timeline import Marker, TimelineLayout
from desktop.gui.timeline.bars import Painted
from desktop.gui.timeline.style import (
    MIN_ROW_FOR_LABELS,
    WHITE,
    ItemHost,
    TimelineStyle,
    device_scale,
    make_bold,
)


def callout_text(m: Marker) -> str:
    """The number at a keyed marker; a group adds how many events it holds (as the PDF
    and the slides write it)."""
    return f"{m.callout} ×{len(m.members)}" if m.members else str(m.callout)


class Labels(Painted):
    """The labels the layout shows, in device pixels at their layout anchors: bar labels
    inside, after or before their bar; event labels beside their symbol on a white ground;
    a keyed marker's callout number (bold) right of its symbol. Only those in view are
    drawn."""

    def __init__(self, canvas: ItemHost) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(10)
        self.texts: list[str] = []
        self._fonts: list[QFont] = []
        self._colours: list[QColor] = []

    def set_labels(self, layout: TimelineLayout | None, style: TimelineStyle) -> None:
        rows: list[tuple[float, float, float, float, float, bool, bool, float, str, str,
                         int]] = []
        if layout is not None:
            dpc = layout.days_per_char
            for b in layout.bars:
                if not b.label or b.label_pos not in ("inside", "after", "before"):
                    continue
                n = len(b.label) * dpc
                if b.label_pos == "inside":
                    assert b.solid is not None
                    row = (b.label_x, b.solid[1], b.label_x, math.nan, b.y, False, False,
                           b.solid[1], b.label, b.label_colour, b.missing_translation)
                elif b.label_pos == "after":
                    row = (b.label_x, b.label_x + n, b.label_x, math.nan, b.y, False, False,
                           math.nan, b.label, b.label_colour, b.missing_translation)
                else:  # ends next to the bar at any zoom
                    row = (b.x0 - n - dpc, b.x0, b.x0 - dpc / 2, math.nan, b.y, True, False,
                           math.nan, b.label, b.label_colour, b.missing_translation)
                if b.point:  # clear of its diamond at any zoom
                    row = (*row[:3], (b.x0 + b.x1) / 2, *row[4:])
                rows.append(row)
            for m in layout.markers:
                if m.callout is not None and not m.show_label:
                    number = callout_text(m)
                    rows.append((m.x, m.x + (len(number) + 2) * dpc, m.x, m.x, m.y, False,
                                 True, math.nan, number, m.label_colour, 2))
                    continue
                if not (m.show_label and m.label):
                    continue
                right = m.label_x1 <= m.x  # left of the symbol, near the right edge
                anchor = m.label_x1 if right else m.label_x0
                rows.append((m.label_x0, m.label_x1, anchor, m.x, m.y, right, True, math.nan,
                             m.label, m.label_colour, m.missing_translation))
        self.prepareGeometryChange()
        cols = list(zip(*rows, strict=True)) if rows else [()] * 11
        lo, hi, x, sym, y, right, ground, clip, texts, colours, missing = cols
        self.lo, self.hi = np.array(lo, float), np.array(hi, float)
        self.x, self.sym, self.y = np.array(x, float), np.array(sym, float), np.array(y, float)
        self.right, self.ground = list(right), list(ground)
        self.clip = np.array(clip, float)
        self.texts = list(texts)
        self._colours = [QColor(c) for c in colours]
        bold = make_bold(style.label)
        self._fonts = [(style.label, style.label_missing, bold)[int(m)] for m in missing]
        self._widths: list[float | None] = [None] * len(self.texts)
        self._lists = (self.x.tolist(), self.sym.tolist(), self.y.tolist(),
                       self.clip.tolist())
        if rows:
            span = (layout.x_max - layout.x_min) if layout else 1.0
            self.set_rect(QRectF(float(self.lo.min()) - span, float(self.y.min()) - 1,
                                 float(self.hi.max() - self.lo.min()) + 2 * span,
                                 float(self.y.max() - self.y.min()) + 2))
        else:
            self.set_rect(QRectF())

    def visible(self, left: float, right: float, top: float = -np.inf,
                bottom: float = np.inf) -> np.ndarray:
        """The labels in view: within the span, and in the rows shown (lanes scroll)."""
        pad = 0.1 * (right - left)
        return np.flatnonzero((self.hi >= left - pad) & (self.lo <= right + pad)
                              & (self.y >= top - 0.5) & (self.y <= bottom + 0.5))

    def paint(self, p: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if not self.texts or vb is None:
            return
        view = vb.viewRect()
        sx, tx, sy, ty = device_scale(p)
        gap = self.canvas.style_.symbol_px / 2 + 3
        layout = self.canvas.layout_
        # the drawing's edges (a figure's: the view's): a label running past them is
        # shortened, never cut; in a figure one that starts beyond them is left out
        whole = self.canvas.style_.whole_labels
        lo, hi = (view.left(), view.right()) if whole else (-math.inf, math.inf)
        edge_lo = (max(layout.x_min, lo) * sx + tx + 2) if layout else -math.inf
        edge_hi = (min(layout.x_max, hi) * sx + tx - 2) if layout else math.inf
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        metrics: dict[int, QFontMetricsF] = {}
        current: QFont | None = None
        xs, syms, ys, clips = self._lists
        line = QFontMetricsF(self.canvas.style_.label).height()
        if abs(sy) < MIN_ROW_FOR_LABELS * line:
            return  # rows too thin for text: the tooltips keep the labels
        rows = sorted((view.top(), view.bottom()))
        for i in self.visible(view.left(), view.right(), *rows).tolist():
            font = self._fonts[i]
            fm = metrics.get(id(font))
            if fm is None:
                fm = metrics[id(font)] = QFontMetricsF(font)
            text = self.texts[i]
            w = self._widths[i]
            if w is None:
                w = self._widths[i] = fm.horizontalAdvance(text)
            x = xs[i] * sx + tx
            if not math.isnan(syms[i]):  # clear of the symbol at any zoom
                s = syms[i] * sx + tx
                x = min(x, s - gap) if self.right[i] else max(x, s + gap)
            if whole and not edge_lo - 2 <= x <= edge_hi + 2:
                continue
            if self.right[i]:
                room = x - edge_lo
            elif math.isnan(clips[i]):
                room = edge_hi - x
            else:  # inside a bar: never past its end
                room = clips[i] * sx + tx - x - 2
            if w > room:
                if room < 2.5 * fm.averageCharWidth():
                    continue
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
                w = fm.horizontalAdvance(text)
            h = fm.height()
            y = ys[i] * sy + ty
            rect = QRectF(x - w if self.right[i] else x, y - h / 2, w, h)
            if self.ground[i]:
                p.fillRect(rect.adjusted(-2, 1, 2, -1), WHITE)
            if font is not current:
                p.setFont(font)
                current = font
            p.setPen(self._colours[i])
            p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
