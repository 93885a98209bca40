"""The therapy timeline on screen, and the same drawing as a slide figure (PNG, SVG, PDF).

Everything drawn comes from ``desktop.core.timeline.build_layout``: lanes, bars, markers,
series, labels (which are shown and where), axis ticks, tooltips and the item under the
mouse (``timeline.hit_test``). This module only maps days and rows to pixels, picks the
palette's shapes and fonts, and handles zoom, pan, hover and clicks, so the screen, the PDF
and the slides always agree.

Drawing is batched for long cases: one ``ScatterPlotItem`` per symbol and colour, one item
that paints every bar, one that paints the visible labels, one path per whisker
colour. The layout places labels for a label width in days (``days_per_char``);
when the zoom or the window size makes that width wrong by more than a third, the layout
is rebuilt for the new zoom (after the zoom settles), so zooming in shows more labels.

``TimelineView`` is the widget; ``render_timeline_figure`` writes a 16:9 figure without a
window (a ``QApplication`` on the offscreen platform is created when none exists).
"""

from __future__ import annotations

import html
import math
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import (
    QEvent,
    QMarginsF,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core import deid, palette, timeline, vocab
from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS, Case
from desktop.core.paths import RESOURCES
from desktop.core.timeline import AnchorError, Lane, Ref, Tick, TimelineLayout

FONT_DIR = RESOURCES / "fonts"
# Faces loaded into Qt's font database; PT Sans first, DejaVu Sans for the few signs PT
# lacks (superscript digits, arrows), so Cyrillic and symbols look the same everywhere.
FONT_FILES = ("PTSans-Regular.ttf", "PTSans-Bold.ttf", "PTSans-Italic.ttf",
              "PTSans-BoldItalic.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
FIGURE_SIZE = (1920, 1080)
MIN_FIGURE_SIDE = 200
MAX_FIGURE_SIDE = 10_000

# The narrowest zoom, in days.
MIN_X_SPAN = 3.0
# Rebuild the layout when the label width it was built for is off by more than this.
RELAYOUT_RATIO = 1.3
RELAYOUT_DELAY_MS = 200
ZOOM_STEP = 1.5
PAN_STEP = 0.2
# Mouse distance, in pixels, within which hovering or clicking finds an item.
HIT_PX = 8.0
# Labels are drawn while a row is at least this part of a line of label text high.
MIN_ROW_FOR_LABELS = 0.75
#: On screen a row is given this many lines of label text, so labels always fit.
ROW_COMFORT = 1.05
Y_PAD = 0.35
WHISKER_CAP = 0.18  # rows above and below a whisker's end

WHITE = QColor("#FFFFFF")
INK = QColor(palette.INK)
OUTLINE = QColor(palette.OUTLINE)
MUTED = QColor("#555555")
BAND = QColor("#F1F2F4")
GRID = QColor("#DADDE1")
VALUE_GRID = QColor("#E6E8EB")
SELECT = QColor("#000000")
# Text the layout's labels are measured by: one character's width, Latin and Cyrillic.
_SAMPLE = {"en": "Blinatumomab, 3 cycles; Relapse (bone marrow); Allo-HSCT D+24",
           "ru": "Блинатумомаб, 3 цикла; Рецидив (костный мозг); алло-ТГСК Д+24"}


class FigureError(CasePresenterError, ValueError):
    """A figure that cannot be written; the message names the file or the option."""


# --- fonts and styles ------------------------------------------------------------------
_families: list[str] = []


def font_families() -> list[str]:
    """The bundled families (loaded once per process), in fallback order."""
    if not _families:
        found: list[str] = []
        for name in FONT_FILES:
            path = FONT_DIR / name
            font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
            if font_id >= 0:
                found += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                          if f not in found]
        found.sort(key=lambda f: (not f.startswith("PT Sans"), f))
        _families.extend(found or [QApplication.font().family()])
    return list(_families)


def make_font(*, pt: float | None = None, px: float | None = None, bold: bool = False,
              italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(font_families())
    if px is not None:
        font.setPixelSize(max(1, round(px)))
    else:
        font.setPointSizeF(pt or 10.0)
    font.setBold(bold)
    font.setItalic(italic)
    return font


@dataclass(frozen=True, eq=False)
class TimelineStyle:
    """Fonts and sizes of one kind of output: the screen, or a figure of a given size."""

    label: QFont
    label_missing: QFont  # a label whose translation is missing: italic
    title: QFont
    tick: QFont
    value: QFont
    legend: QFont
    symbol_px: float
    pen_px: float
    gutter_px: float
    margins: tuple[float, float, float, float]  # left, top, right, bottom
    # a figure leaves out a label that would be cut at its edges; the screen, where the
    # view moves, lets the edge cut it
    whole_labels: bool = False

    def char_px(self) -> float:
        """Width of one label character, a little generous, over both alphabets."""
        fm = QFontMetricsF(self.label)
        return 1.04 * max(fm.horizontalAdvance(s) / len(s) for s in _SAMPLE.values())


def screen_style() -> TimelineStyle:
    """On screen: nothing under 10 points."""
    return TimelineStyle(make_font(pt=10), make_font(pt=10, italic=True),
                         make_font(pt=10, bold=True), make_font(pt=10), make_font(pt=10),
                         make_font(pt=10), 12.0, 1.0, 210.0, (6, 4, 18, 2))


def figure_style(size: tuple[int, int]) -> TimelineStyle:
    """A figure ``size`` pixels: at 1920×1080, labels 19 px and titles and ticks 21 px,
    to be read from the back of a room; other sizes scale with the slide."""
    k = min(max(min(size[0] / 1920, size[1] / 1080), 0.5), 4.0)
    return TimelineStyle(make_font(px=19 * k), make_font(px=19 * k, italic=True),
                         make_font(px=21 * k, bold=True), make_font(px=21 * k),
                         make_font(px=18 * k), make_font(px=19 * k), 19.0 * k, 2.2 * k,
                         330.0 * k, (14 * k, 10 * k, 34 * k, 6 * k), whole_labels=True)


def tint(colour: str, amount: float) -> QColor:
    """``colour`` mixed with white: 0 is the colour, 1 is white (the PDF's faded parts)."""
    c = QColor(colour)
    return QColor.fromRgbF(c.redF() + (1 - c.redF()) * amount,
                           c.greenF() + (1 - c.greenF()) * amount,
                           c.blueF() + (1 - c.blueF()) * amount)


def _pen(colour: QColor | str, width: float, dash: bool = False) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)
    if dash:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _scale(p: QPainter) -> tuple[float, float, float, float]:
    """The painter's data → device mapping as ``X = x*sx + tx``, ``Y = y*sy + ty`` (a view
    box only scales and translates)."""
    t = p.transform()
    return t.m11(), t.dx(), t.m22(), t.dy()


def fit_lines(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """``text`` wrapped at spaces into at most ``max_lines`` lines of ``width`` pixels;
    the last line elided when it does not fit."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for w in words:
        trial = f"{line} {w}" if line else w
        if line and fm.horizontalAdvance(trial) > width:
            lines.append(line)
            line = w
        else:
            line = trial
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [fm.elidedText(s, Qt.TextElideMode.ElideRight, width) for s in lines]


# --- the items --------------------------------------------------------------------------
class _Painted(pg.GraphicsObject):
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


class _Backdrop(_Painted):
    """Lane bands, the grid at the time ticks, value grid lines and thresholds."""

    def __init__(self, canvas: _Canvas) -> None:
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
        sx, tx, sy, ty = _scale(p)
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
        p.setPen(_pen(GRID, 1.0))
        for t in self.canvas.time_axis.ticks_for(view.left(), view.right()):
            x = t.pos * sx + tx
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
        fm = QFontMetricsF(style.value)
        for lane in layout.lanes:
            if lane.kind != "series":
                continue
            p.setPen(_pen(VALUE_GRID, 1.0))
            for t in lane.value_ticks:
                y = t.pos * sy + ty
                p.drawLine(QPointF(left, y), QPointF(right, y))
            if lane.threshold_y is None:
                continue
            y = lane.threshold_y * sy + ty
            p.setPen(_pen(INK, style.pen_px * 0.8, dash=True))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            if lane.threshold_label:  # at the right edge, above the line (below near the top)
                w, h = fm.horizontalAdvance(lane.threshold_label), fm.height()
                near_top = (lane.threshold_y - lane.y) * sy < h + 2
                rect = QRectF(right - w - 8, y + 2 if near_top else y - h - 2, w + 4, h)
                p.fillRect(rect, WHITE)
                p.setFont(style.value)
                p.setPen(MUTED)
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, lane.threshold_label)


class _BarGroup:
    """The bars of one colour as arrays (days and rows), drawn with a few calls."""

    def __init__(self, colour: str, bars: list[timeline.Bar], pen_px: float) -> None:
        self.fill = QColor(colour)
        self.faded = tint(colour, 0.62)
        self.pen = _pen(colour, max(1.0, pen_px * 0.6))
        self.dashed = _pen(colour, max(1.0, pen_px * 0.6), dash=True)
        self.x0 = np.array([b.x0 for b in bars], float)
        self.x1 = np.array([b.x1 for b in bars], float)
        self.y = np.array([b.y for b in bars], float)
        self.h = np.array([b.height for b in bars], float)
        self.s0 = np.array([b.solid[0] if b.solid else np.nan for b in bars], float)
        self.s1 = np.array([b.solid[1] if b.solid else np.nan for b in bars], float)
        self.approx = [b.approximate for b in bars]
        self.ongoing = np.array([b.ongoing for b in bars], bool)
        self.has_solid = [b.solid is not None for b in bars]


class _Bars(_Painted):
    """Every therapy bar: faded over the uncertain part, solid over the certain one, an
    outline (dashed when a date is approximate) and an arrow when ongoing."""

    def __init__(self, canvas: _Canvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.bars: list[timeline.Bar] = []
        self.groups: list[_BarGroup] = []

    def set_bars(self, bars: Sequence[timeline.Bar], pen_px: float) -> None:
        self.bars = list(bars)
        by_colour: dict[str, list[timeline.Bar]] = {}
        for b in bars:
            by_colour.setdefault(b.colour, []).append(b)
        self.groups = [_BarGroup(c, group, pen_px) for c, group in by_colour.items()]
        if not bars:
            self.set_rect(QRectF())
            return
        x0, x1 = min(b.x0 for b in bars), max(b.x1 for b in bars)
        y0, y1 = min(b.y - b.height for b in bars), max(b.y + b.height for b in bars)
        self.set_rect(QRectF(x0 - 1, y0, x1 - x0 + 2, y1 - y0))

    def paint(self, p: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if not self.groups or vb is None:
            return
        sx, tx, sy, ty = _scale(p)
        view = vb.viewRect()
        left, right = view.left() * sx + tx - 20, view.right() * sx + tx + 20
        arrow = self.canvas.style_.symbol_px * 0.55
        p.resetTransform()
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


class _Labels(_Painted):
    """The labels the layout shows, in device pixels at their layout anchors: bar labels
    inside, after or before their bar; event labels beside their symbol on a white ground.
    Only those in view are drawn."""

    def __init__(self, canvas: _Canvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(10)
        self.texts: list[str] = []
        self._fonts: list[QFont] = []
        self._colours: list[QColor] = []

    def set_labels(self, layout: TimelineLayout | None, style: TimelineStyle) -> None:
        rows: list[tuple[float, float, float, float, float, bool, bool, float, str, str,
                         bool]] = []
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
                rows.append(row)
            for m in layout.markers:
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
        self._fonts = [style.label_missing if m else style.label for m in missing]
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

    def visible(self, left: float, right: float) -> np.ndarray:
        pad = 0.1 * (right - left)
        return np.flatnonzero((self.hi >= left - pad) & (self.lo <= right + pad))

    def paint(self, p: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if not self.texts or vb is None:
            return
        view = vb.viewRect()
        sx, tx, sy, ty = _scale(p)
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
        for i in self.visible(view.left(), view.right()).tolist():
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


class _Paths(_Painted):
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


class _Highlight(_Painted):
    """An outline around the selected item."""

    def __init__(self, canvas: _Canvas) -> None:
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
        sx, tx, sy, ty = _scale(p)
        r = self.canvas.style_.symbol_px * 0.8
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(_pen(SELECT, self.canvas.style_.pen_px * 1.5, dash=True))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for kind, x0, x1, y0, y1 in self.shapes:
            if kind == "rect":
                a, b = x0 * sx + tx, max(x1 * sx + tx, x0 * sx + tx + 2)
                p.drawRect(QRectF(a - 3, y0 * sy + ty - 3, b - a + 6, (y1 - y0) * sy + 6))
            else:
                p.drawEllipse(QPointF(x0 * sx + tx, y0 * sy + ty), r, r)


# --- the axes and the legend -------------------------------------------------------------
class _TimeAxis(pg.AxisItem):
    """Calendar or relative ticks from ``timeline.ticks`` for the visible span: zooming in
    gives finer ticks; ticks are made coarser until their labels fit side by side."""

    def __init__(self, canvas: _Canvas) -> None:
        super().__init__("bottom")
        self.canvas = canvas
        self.layout_: TimelineLayout | None = None
        self._cache: dict[tuple[float, float], tuple[Tick, ...]] = {}
        self._labels: dict[float, str] = {}
        self.shown: tuple[Tick, ...] = ()
        self.apply_style(canvas.style_)

    def apply_style(self, style: TimelineStyle) -> None:
        fm = QFontMetricsF(style.tick)
        self.setStyle(tickFont=style.tick, tickTextOffset=int(fm.height() * 0.3),
                      tickLength=int(fm.height() * 0.35), autoExpandTextSpace=True)
        self.setPen(_pen(INK, 1.0))
        self.setTextPen(INK)
        self.label.setFont(style.tick)
        self.label.setDefaultTextColor(MUTED)

    def set_layout(self, layout: TimelineLayout | None) -> None:
        self.layout_ = layout
        self._cache.clear()
        self.setLabel(html.escape(layout.axis_title) if layout else "")
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
        return ticks

    def tickValues(self, minVal: float, maxVal: float, size: float):
        ticks = self.ticks_for(minVal, maxVal)
        self.shown = ticks
        self._labels = {t.pos: t.label for t in ticks}
        return [(max(maxVal - minVal, 1e-9), [t.pos for t in ticks])]

    def tickStrings(self, values, scale, spacing):
        return [self._labels.get(v, "") for v in values]


class _LaneAxis(pg.AxisItem):
    """The column left of the plot: each lane's title (wrapped to the lane's height), the
    legend of a lane with several series, and the value ticks of a series lane."""

    def __init__(self, canvas: _Canvas) -> None:
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
                drawSymbol(p, sym, style.symbol_px * 0.8, _pen(OUTLINE, 1.0),
                           QBrush(QColor(colour)))
                p.restore()
                self.drawn.append(s)
                y += line_l
            if lane.kind == "series":
                self._value_ticks(p, lane, ly, top, bottom, width, fm_v)

    def _value_ticks(self, p: QPainter, lane: Lane, ly, top: float, bottom: float,
                     width: float, fm: QFontMetricsF) -> None:
        style = self.canvas.style_
        p.setPen(_pen(INK, 1.0))
        p.drawLine(QPointF(width - 1, top), QPointF(width - 1, bottom))
        p.setFont(style.value)
        h = fm.height()
        taken: list[float] = []  # centres of the labels drawn: never two on one another
        # the ends of the scale first, then the ticks between them where there is room
        ticks = sorted(lane.value_ticks, key=lambda t: t is not lane.value_ticks[0]
                       and t is not lane.value_ticks[-1])
        for t in ticks:
            y = ly(t.pos)
            p.setPen(_pen(INK, 1.0))
            p.drawLine(QPointF(width - 6, y), QPointF(width - 1, y))
            yc = min(max(y, top + h / 2 - 2), bottom - h / 2 + 2)  # inside the lane
            if any(abs(yc - other) < h * 0.85 for other in taken):
                continue
            taken.append(yc)
            p.setPen(MUTED)
            p.drawText(QRectF(0, yc - h / 2, width - 9, h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, t.label)
            self.drawn.append(t.label)


@dataclass(frozen=True)
class _Entry:
    symbol: str  # a pyqtgraph symbol, or "bar" for an ongoing bar
    colour: str
    hollow: bool
    text: str


def legend_entries(layout: TimelineLayout) -> list[_Entry]:
    """The symbols a reader needs explained: each event type drawn, each result without a
    number (hollow) and an ongoing therapy; words from the core vocabularies."""
    out: list[_Entry] = []
    types = {m.type for m in layout.markers}
    order = [t for t in palette.EVENT_STYLES if t in types] + sorted(
        types - set(palette.EVENT_STYLES))
    for t in order:
        style = palette.event_style(t)
        out.append(_Entry(style.symbol, style.colour, False,
                          vocab.label(vocab.EVENT_TYPES, t, layout.lang)))
    results: dict[str, str] = {}
    for s in layout.series:
        for pt in s.points:
            if pt.value is None and pt.result:
                results.setdefault(pt.result, pt.symbol)
    for result, symbol in results.items():
        word = vocab.FIELDS.get(result)
        out.append(_Entry(symbol, palette.INK, True,
                          (word.get(layout.lang) if word else None) or result))
    if any(b.ongoing for b in layout.bars):
        out.append(_Entry("bar", palette.INK, False, vocab.field("ongoing", layout.lang)))
    return out


class _Legend(pg.GraphicsWidget):
    """One or more lines of legend entries above the plot, aligned with it."""

    def __init__(self, canvas: _Canvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.entries: list[_Entry] = []
        self._lines = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._set_height(0)

    def set_entries(self, entries: list[_Entry]) -> None:
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
            if e.symbol == "bar":
                p.fillRect(QRectF(x - sym * 0.2, yc - sym * 0.3, sym * 0.8, sym * 0.6),
                           QColor(e.colour))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(e.colour))
                p.drawPolygon(QPolygonF([QPointF(x + sym * 0.6, yc - sym * 0.5),
                                         QPointF(x + sym * 1.05, yc),
                                         QPointF(x + sym * 0.6, yc + sym * 0.5)]))
            else:
                p.translate(x + sym / 2, yc)
                if e.hollow:
                    drawSymbol(p, e.symbol, sym, _pen(e.colour, 1.6), QBrush(WHITE))
                else:
                    drawSymbol(p, e.symbol, sym, _pen(OUTLINE, 1.0), QBrush(QColor(e.colour)))
            p.restore()
            p.setPen(INK)
            p.drawText(QRectF(x + sym + 6, yc - line_h / 2, fm.horizontalAdvance(e.text) + 4,
                              line_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       e.text)


# --- the canvas: one drawing for the screen and the figures ---------------------------------
class _Canvas(pg.GraphicsLayoutWidget):
    """A ``TimelineLayout`` drawn in one plot: the legend above, lane titles on the left,
    time below. ``draw`` replaces everything; zooming only moves the view."""

    def __init__(self, style: TimelineStyle, parent: QWidget | None = None, *,
                 cached: bool = False) -> None:
        super().__init__(parent)
        self.style_ = style
        self.layout_: TimelineLayout | None = None
        self.setBackground("w")
        left, top, right, bottom = style.margins
        self.ci.layout.setContentsMargins(left, top, right, bottom)
        self.ci.layout.setSpacing(0)
        self.legend = _Legend(self)
        self.time_axis = _TimeAxis(self)
        self.lane_axis = _LaneAxis(self)
        self.plot = pg.PlotItem(axisItems={"bottom": self.time_axis, "left": self.lane_axis})
        self.plot.layout.setContentsMargins(0, 0, 0, 0)
        self.ci.addItem(self.legend, row=0, col=0)
        self.ci.addItem(self.plot, row=1, col=0)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.vb: pg.ViewBox = self.plot.getViewBox()
        self.vb.invertY(True)
        self.vb.setMouseEnabled(x=True, y=False)
        self.vb.setMenuEnabled(False)
        self.vb.disableAutoRange()
        self.vb.setDefaultPadding(0.0)
        self.backdrop = _Backdrop(self)
        self.bars = _Bars(self)
        self.labels = _Labels(self)
        self.highlight = _Highlight(self)
        for item in (self.backdrop, self.bars, self.labels, self.highlight):
            self.plot.addItem(item, ignoreBounds=True)
        self.whiskers = _Paths(-20)
        self.lines = _Paths(-15)
        for item in (self.whiskers, self.lines):
            self.plot.addItem(item, ignoreBounds=True)
        self.scatters: list[pg.ScatterPlotItem] = []
        self.revealed: int | None = None  # event markers drawn: the first n in time order
        self.on_screen = cached
        if cached:  # on screen: the lane column and the legend do not move with time
            for item in (self.lane_axis, self.legend):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # drawing
    def draw(self, layout: TimelineLayout | None) -> None:
        self.layout_ = layout
        for item in self.scatters:
            self.plot.removeItem(item)
        self.scatters = []
        self.whiskers.set_paths([], antialias=False)
        self.lines.set_paths([], antialias=True)
        style = self.style_
        shown = self._revealed_layout(layout)
        self.backdrop.set_layout(layout)
        self.bars.set_bars(layout.bars if layout else (), style.pen_px)
        self.labels.set_labels(shown, style)
        self.highlight.set_shapes([])
        self.time_axis.set_layout(layout)
        self.lane_axis.set_layout(layout)
        self.legend.set_entries(legend_entries(layout) if layout else [])
        if layout is None:
            self.vb.setLimits(xMin=None, xMax=None, minXRange=None, maxXRange=None,
                              yMin=None, yMax=None)
            return
        assert shown is not None
        self._whiskers(shown)
        self._series(layout)
        self._markers(shown)
        span = layout.x_max - layout.x_min
        self.vb.setLimits(xMin=layout.x_min, xMax=layout.x_max,
                          minXRange=min(MIN_X_SPAN, span), maxXRange=span,
                          yMin=-Y_PAD, yMax=layout.height + Y_PAD)
        self.vb.setYRange(-Y_PAD, layout.height + Y_PAD, padding=0)
        if self.on_screen:
            self.setMinimumHeight(self._height_for_labels(layout))

    def _height_for_labels(self, layout: TimelineLayout) -> int:
        """Tall enough that every row holds a line of label text: a short window scrolls
        (the view sits in a scroll area) rather than dropping the labels."""
        line = QFontMetricsF(self.style_.label).height()
        rows = (layout.height + 2 * Y_PAD) * line * ROW_COMFORT
        axis = 3 * QFontMetricsF(self.style_.tick).height()
        top, bottom = self.style_.margins[1], self.style_.margins[3]
        return math.ceil(rows + self.legend.preferredHeight() + axis + top + bottom)

    def _add(self, item: pg.ScatterPlotItem, z: float) -> None:
        item.setZValue(z)
        self.plot.addItem(item, ignoreBounds=True)
        self.scatters.append(item)

    def _whiskers(self, layout: TimelineLayout) -> None:
        """Partial dates: a line over the whole period, with end caps, in a light tint."""
        groups: dict[str, tuple[list[float], list[float]]] = {}
        spans = [(m.x_range, m.y, m.colour) for m in layout.markers]
        spans += [(pt.x_range, pt.y, s.colour) for s in layout.series for pt in s.points]
        c = WHISKER_CAP
        for (a, b), y, colour in spans:
            if b - a < 1.0:
                continue
            xs, ys = groups.setdefault(colour, ([], []))
            xs += [a, b, a, a, b, b]
            ys += [y, y, y - c, y + c, y - c, y + c]
        width = max(1.0, self.style_.pen_px * 0.7)
        self.whiskers.set_paths(
            [(pg.functions.arrayToQPath(np.array(xs), np.array(ys), connect="pairs"),
              _pen(tint(colour, 0.25), width)) for colour, (xs, ys) in groups.items()],
            antialias=False)

    def _series(self, layout: TimelineLayout) -> None:
        """Numbers joined in time order (never through a result without a number)."""
        paths = []
        width = max(1.0, self.style_.pen_px * 0.8)
        for s in layout.series:
            valued = [pt for pt in s.points if pt.value is not None and not pt.clipped]
            if len(valued) >= 2:
                paths.append((pg.functions.arrayToQPath(np.array([pt.x for pt in valued]),
                                                        np.array([pt.y for pt in valued])),
                              _pen(s.colour, width)))
        self.lines.set_paths(paths, antialias=True)

    def _markers(self, layout: TimelineLayout) -> None:
        """Two scatters with a style per spot (one paint call each, however many): events
        filled with an outline; measurements filled, or hollow when the result has no
        number (or a value ≤ 0 on a log lane)."""
        size = self.style_.symbol_px
        brushes: dict[str, QBrush] = {}
        pens: dict[str, QPen] = {}

        def brush(colour: str) -> QBrush:
            return brushes.setdefault(colour, QBrush(QColor(colour)))

        def pen(colour: str) -> QPen:
            return pens.setdefault(colour, _pen(colour, self.style_.pen_px))

        outline, white = _pen(OUTLINE, 1.0), QBrush(WHITE)
        markers = layout.markers
        if markers:
            self._add(pg.ScatterPlotItem(
                x=np.array([m.x for m in markers]), y=np.array([m.y for m in markers]),
                symbol=[m.symbol for m in markers], brush=[brush(m.colour) for m in markers],
                pen=outline, size=size, pxMode=True, antialias=True), 20)
        points = [(pt, s.colour, pt.value is None or pt.clipped)
                  for s in layout.series for pt in s.points]
        if points:
            self._add(pg.ScatterPlotItem(
                x=np.array([pt.x for pt, _, _ in points]),
                y=np.array([pt.y for pt, _, _ in points]),
                symbol=[pt.symbol for pt, _, _ in points],
                brush=[white if hollow else brush(c) for _, c, hollow in points],
                pen=[pen(c) if hollow else outline for _, c, hollow in points],
                size=size * 0.85, pxMode=True, antialias=True), 21)

    def reveal(self, count: int | None) -> None:
        """Draw only the first ``count`` event markers in time order, with their labels
        and date whiskers (None: all of them); bars, series, lanes, legend and axis stay as
        they are. A presentation reveals the course one event at a time with it."""
        self.revealed = None if count is None else max(0, count)
        if self.layout_ is not None:
            self.draw(self.layout_)

    def revealed_markers(self) -> list[timeline.Marker]:
        """The event markers drawn now, in time order (ties in the layout's order)."""
        if self.layout_ is None:
            return []
        ordered = sorted(self.layout_.markers, key=lambda m: m.x)
        return ordered if self.revealed is None else ordered[:self.revealed]

    def _revealed_layout(self, layout: TimelineLayout | None) -> TimelineLayout | None:
        if layout is None or self.revealed is None:
            return layout
        keep = {id(m) for m in self.revealed_markers()}
        return replace(layout, markers=tuple(m for m in layout.markers if id(m) in keep))

    # view
    def fit(self) -> None:
        if self.layout_ is not None:
            self.vb.setXRange(self.layout_.x_min, self.layout_.x_max, padding=0)

    def x_range(self) -> tuple[float, float]:
        lo, hi = self.vb.viewRange()[0]
        return float(lo), float(hi)

    def days_per_char(self, span: float) -> float | None:
        """The label width in days for ``span`` days across the plot, or None before the
        plot has a size."""
        width = self.vb.size().width()
        if width < 50:
            return None
        return span * self.style_.char_px() / width

    def select(self, ref: Ref | None) -> None:
        shapes: list[tuple[str, float, float, float, float]] = []
        layout = self.layout_
        if layout is not None and ref is not None:
            shapes += [("rect", b.x0, b.x1, b.y - b.height / 2, b.y + b.height / 2)
                       for b in layout.bars if b.ref == ref]
            shapes += [("point", m.x, m.x, m.y, m.y) for m in layout.markers if m.ref == ref]
            shapes += [("point", pt.x, pt.x, pt.y, pt.y) for s in layout.series
                       for pt in s.points if pt.ref == ref]
        self.highlight.set_shapes(shapes)

    def set_export_mode(self, on: bool) -> None:
        """Vector symbols (not cached pixmaps) while drawing into an SVG or a PDF."""
        for item in self.scene().items():
            if isinstance(item, pg.GraphicsItem):
                item.setExportMode(on, {"antialias": True} if on else None)

    def texts(self) -> list[str]:
        """Every text drawn: labels, lane titles, legend, ticks and axis title."""
        layout = self.layout_
        if layout is None:
            return []
        out = list(self.labels.texts)
        out += [lane.label for lane in layout.lanes]
        out += [lane.threshold_label for lane in layout.lanes if lane.threshold_label]
        out += [t.label for lane in layout.lanes for t in lane.value_ticks]
        out += [s.label for s in layout.series]
        out += [e.text for e in self.legend.entries]
        out += [t.label for t in self.time_axis.shown]
        out.append(layout.axis_title)
        return out


#: The drawing alone, without the view's controls: for other windows (the presentation).
TimelineCanvas = _Canvas


# --- the widget -------------------------------------------------------------------------
def _span_hint(case: Case) -> float | None:
    """Days from the first to the last date drawn, plus the layout's margins: only to
    choose the label width (``days_per_char``) the first layout of a case is built for;
    the layout then says where everything is (and a wrong guess is rebuilt)."""
    dates = [d for t in case.therapies if t.start for d in (t.start, t.end) if d]
    dates += [e.date for e in case.events]
    dates += [m.date for m in case.measurements if m.value is not None or m.result]
    if case.diagnosis.date:
        dates.append(case.diagnosis.date)
    if not dates:
        return None
    lo = min(d.start().toordinal() for d in dates)
    hi = max(d.end().toordinal() for d in dates) + 1
    span = hi - lo
    return span + 2 * max(span * timeline.MARGIN_FRACTION, timeline.MIN_MARGIN_DAYS)


class TimelineView(QWidget):
    """The interactive timeline of one case.

    Zoom and pan along time with the mouse (wheel, drag) and the keyboard (+/−, arrows,
    Home = fit all); hover for an item's details; click an item to emit
    ``itemActivated(kind, index)`` (its ``Ref``: therapy | event | measurement |
    diagnosis). Lanes can be hidden, the time axis counted from the calendar, the
    diagnosis or the transplant, and in Anonymize mode only relative time is shown.
    """

    itemActivated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self._case: Case | None = None
        self._deid: Case | None = None
        self._lang = "en"
        self._anonymize = False
        self._anchor = "calendar"
        self._hidden: set[str] = set()
        self._all_lanes: list[tuple[str, str]] = []
        self._anchor_errors: dict[str, str] = {}
        self._layout: TimelineLayout | None = None
        self._tips: dict[Ref, str] = {}
        self._selected: Ref | None = None
        self._hover = ""
        self._error = ""
        self._syncing = False

        self.anchor_label = QLabel()
        self.anchor_combo = QComboBox(objectName="anchorCombo")
        for anchor in timeline.ANCHORS:
            self.anchor_combo.addItem(anchor, anchor)
        self.anchor_combo.currentIndexChanged.connect(self._anchor_picked)
        self.fit_button = QToolButton(objectName="fitAllButton")
        self.fit_button.clicked.connect(self.fit_all)
        self.lane_menu = QMenu(self)
        self.lane_menu.aboutToShow.connect(self._fill_lane_menu)
        self.lane_button = QToolButton(objectName="laneMenuButton")
        self.lane_button.setMenu(self.lane_menu)
        self.lane_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button = QToolButton(objectName="exportButton")
        self.export_button.clicked.connect(self._export_clicked)
        self.status = QLabel(objectName="timelineStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.canvas = _Canvas(screen_style(), cached=True)
        self.canvas.setObjectName("timelinePlot")
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.installEventFilter(self)
        self.canvas.vb.sigXRangeChanged.connect(self._range_changed)
        self.canvas.scene().sigMouseMoved.connect(self._mouse_moved)
        self.canvas.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.setFocusProxy(self.canvas)

        self._relayout_timer = QTimer(self, singleShot=True, interval=RELAYOUT_DELAY_MS)
        self._relayout_timer.timeout.connect(self._relayout)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.anchor_label, self.anchor_combo, self.fit_button, self.lane_button,
                  self.export_button):
            bar.addWidget(w)
        bar.addWidget(self.status, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(bar)
        box.addWidget(self.canvas, 1)
        self._retranslate()
        self._sync_controls()

    # --- public API ---------------------------------------------------------------------
    def set_case(self, case: Case | None, *, lang: str | None = None,
                 anonymize: bool | None = None) -> None:
        """Show ``case`` (None: nothing), in ``lang``, de-identified if ``anonymize``."""
        if lang is not None:
            _check_lang(lang)
            self._lang = lang
        if anonymize is not None:
            self._anonymize = bool(anonymize)
        same = case is not None and self._case is not None and case.code == self._case.code
        if not same:  # another case: all lanes, nothing selected, the whole course
            self._hidden.clear()
            self._selected = None
        self._case, self._deid = case, None
        self._all_lanes = []
        self._rebuild(keep_range=same)  # the same case, edited: stay where the user is

    def set_language(self, lang: str) -> None:
        _check_lang(lang)
        if lang != self._lang:
            self._lang = lang
            self._all_lanes = []
            self._rebuild(keep_range=True)

    def set_anonymize(self, on: bool) -> None:
        if bool(on) != self._anonymize:
            self._anonymize = bool(on)
            self._rebuild(keep_range=True)

    def set_anchor(self, name: str) -> None:
        """Count time from ``name`` (calendar | diagnosis | transplant); ``AnchorError``
        (its message says why) when this case cannot."""
        if name not in timeline.ANCHORS:
            raise ValueError(f"anchor must be one of {', '.join(timeline.ANCHORS)}, "
                             f"got {name!r}")
        if self._case is not None:
            error = self._anchor_reasons().get(name)
            if error:
                raise AnchorError(error)
        if name != self._anchor:
            self._anchor = name
            self._rebuild(keep_range=True)

    def fit_all(self) -> None:
        self.canvas.fit()

    def export(self, path: str | Path, size: tuple[int, int] = FIGURE_SIZE) -> Path:
        """Write what is shown (anchor, language, hidden lanes, the visible period) as a
        figure of ``size`` pixels: PNG, SVG or PDF by the file's suffix."""
        if self._case is None or self._layout is None:
            raise FigureError("no timeline to export")
        return _render(self._source(), Path(path), size, anchor=self._anchor,
                       lang=self._lang, anonymize=self._anonymize, hidden=self._hidden,
                       x_range=self.canvas.x_range())

    # --- state, for the window and tests ------------------------------------------------
    @property
    def timeline_layout(self) -> TimelineLayout | None:
        return self._layout

    @property
    def anchor(self) -> str:
        return self._anchor

    @property
    def language(self) -> str:
        return self._lang

    @property
    def anonymized(self) -> bool:
        return self._anonymize

    @property
    def hidden_lanes(self) -> frozenset[str]:
        return frozenset(self._hidden)

    @property
    def selected(self) -> Ref | None:
        return self._selected

    def lanes(self) -> list[tuple[str, str]]:
        """Every lane of the case (hidden or not): (id, title)."""
        return list(self._all_lanes)

    def anchor_errors(self) -> dict[str, str]:
        """Why an anchor cannot be chosen now, by anchor."""
        return dict(self._anchor_errors)

    def set_lane_visible(self, lane_id: str, visible: bool) -> None:
        if visible:
            self._hidden.discard(lane_id)
        else:
            self._hidden.add(lane_id)
        self._rebuild(keep_range=True)

    def show_all_lanes(self) -> None:
        self._hidden.clear()
        self._rebuild(keep_range=True)

    def x_range(self) -> tuple[float, float]:
        return self.canvas.x_range()

    def set_x_range(self, lo: float, hi: float) -> None:
        self.canvas.vb.setXRange(lo, hi, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom in (``factor`` > 1) or out around the middle of the view."""
        lo, hi = self.x_range()
        mid, half = (lo + hi) / 2, (hi - lo) / 2 / factor
        self.set_x_range(mid - half, mid + half)

    def pan(self, fraction: float) -> None:
        """Move the view by ``fraction`` of its width (negative: earlier)."""
        lo, hi = self.x_range()
        d = (hi - lo) * fraction
        if self._layout is not None:  # keep the width at the edges
            d = min(max(d, self._layout.x_min - lo), self._layout.x_max - hi)
        self.set_x_range(lo + d, hi + d)

    def ticks(self) -> tuple[Tick, ...]:
        """The time ticks for the visible period."""
        lo, hi = self.x_range()
        return self.canvas.time_axis.ticks_for(lo, hi)

    def texts(self) -> list[str]:
        """Every text the view shows: drawing, ticks, controls and status."""
        lo, hi = self.x_range()
        self.canvas.time_axis.shown = self.canvas.time_axis.ticks_for(lo, hi)
        return [*self.canvas.texts(), self.status.text(),
                *(self.anchor_combo.itemText(i) for i in range(self.anchor_combo.count()))]

    def tooltip(self, ref: Ref) -> str:
        return self._tips.get(ref, "")

    def hover_text(self) -> str:
        """The details of the item under the mouse ('' if none)."""
        return self._hover

    def item_at(self, x: float, y: float) -> Ref | None:
        """The item drawn nearest to (x days, y rows), within a few pixels."""
        if self._layout is None:
            return None
        tolerance = HIT_PX * self.canvas.vb.viewPixelSize()[0]
        return timeline.hit_test(self._layout, x, y, tolerance)

    def map_to_canvas(self, x: float, y: float) -> QPoint:
        """Where (x days, y rows) is in the canvas's viewport, in pixels."""
        scene = self.canvas.vb.mapViewToScene(QPointF(x, y))
        return self.canvas.mapFromScene(scene)

    def select(self, ref: Ref | None, *, activate: bool = False) -> None:
        self._selected = ref
        self.canvas.select(ref)
        if ref is not None and activate:
            self.itemActivated.emit(ref.kind, ref.index)

    # --- building ------------------------------------------------------------------------
    def _source(self) -> Case:
        """The case as drawn: de-identified in Anonymize mode."""
        assert self._case is not None
        if not self._anonymize:
            return self._case
        if self._deid is None:
            self._deid = deid.deidentify(self._case)
        return self._deid

    def _anchor_reasons(self) -> dict[str, str]:
        """Why each anchor cannot be drawn now (the core's ``AnchorError`` text)."""
        case = self._case
        out: dict[str, str] = {}
        if case is None:
            return out
        for anchor in timeline.ANCHORS:
            if anchor != "calendar" and deid.choose_anchor(case, anchor)[1] is not None:
                continue
            if anchor == "calendar" and not self._anonymize:
                continue
            try:  # fails before any work: the anchor is checked first
                timeline.build_layout(case, anchor=anchor, lang=self._lang,
                                      anonymize=self._anonymize)
            except AnchorError as e:
                out[anchor] = str(e)
        return out

    def _pick_anchor(self) -> str | None:
        """The anchor to draw: the chosen one if possible, else (anonymized: transplant,
        then diagnosis; else the calendar); None if none can be drawn."""
        self._anchor_errors = self._anchor_reasons()
        if self._anchor not in self._anchor_errors:
            return self._anchor
        order = ("transplant", "diagnosis") if self._anonymize else timeline.ANCHORS
        return next((a for a in order if a not in self._anchor_errors), None)

    def _rebuild(self, *, keep_range: bool) -> None:
        self._relayout_timer.stop()
        old, old_range = self._layout, self.canvas.x_range()
        self._error = ""
        layout = None
        if self._case is not None:
            anchor = self._pick_anchor()
            if anchor is None:  # anonymized, and no date to count from: say why
                self._error = "; ".join(self._anchor_errors[a] for a in ("transplant",
                                                                        "diagnosis"))
            else:
                self._anchor = anchor
                try:
                    layout = self._build(keep_range, old, old_range)
                except CasePresenterError as e:  # a case that cannot be de-identified
                    self._error = str(e)
        else:
            self._anchor_errors = {}
        self._layout = layout
        self._tips = _tooltips(layout)
        self.canvas.draw(layout)
        if layout is not None:
            if keep_range and old is not None:
                # a new anchor moves the origin (the extent is the same data, shifted)
                moved = (layout.anchor, layout.anonymized) != (old.anchor, old.anonymized)
                shift = layout.x_min - old.x_min if moved else 0.0
                self.set_x_range(old_range[0] + shift, old_range[1] + shift)
            else:
                self.canvas.fit()
        if self._selected is not None and self._selected not in self._tips:
            self._selected = None
        self.canvas.select(self._selected)
        self._hover = ""
        self._sync_controls()

    def _build(self, keep_range: bool, old: TimelineLayout | None,
               old_range: tuple[float, float]) -> TimelineLayout:
        source = self._source()
        span = (old_range[1] - old_range[0]) if keep_range and old is not None \
            else _span_hint(source)
        dpc = self.canvas.days_per_char(span) if span else None
        kw = {"anchor": self._anchor, "lang": self._lang, "anonymize": self._anonymize,
              "days_per_char": dpc}
        if not self._hidden or not self._all_lanes:  # the lanes of the case, once
            full = timeline.build_layout(source, **kw)
            self._all_lanes = [(lane.id, lane.label) for lane in full.lanes]
            if not self._hidden:
                return full
        return timeline.build_layout(source, hidden_lanes=self._hidden, **kw)

    def _relayout_due(self) -> bool:
        layout = self._layout
        if layout is None:
            return False
        lo, hi = self.x_range()
        want = self.canvas.days_per_char(hi - lo)
        if want is None:
            return False
        ratio = want / layout.days_per_char
        return ratio > RELAYOUT_RATIO or ratio < 1 / RELAYOUT_RATIO

    def _relayout(self) -> None:
        if self._relayout_due():
            self._rebuild(keep_range=True)

    def _range_changed(self, *_args) -> None:
        if self._relayout_due():
            self._relayout_timer.start()

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._relayout_timer.start()

    # --- controls ------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.anchor_label.setText(self.tr("Time axis:"))
        names = {"calendar": self.tr("Calendar dates"), "diagnosis": self.tr("From diagnosis"),
                 "transplant": self.tr("From transplant (D+)")}
        for i in range(self.anchor_combo.count()):
            self.anchor_combo.setItemText(i, names[self.anchor_combo.itemData(i)])
        self.fit_button.setText(self.tr("Fit all"))
        self.fit_button.setToolTip(self.tr("Show the whole course (Home)"))
        self.lane_button.setText(self.tr("Lanes"))
        self.lane_button.setToolTip(self.tr("Show or hide lanes"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save as a 1920×1080 figure: PNG, SVG or PDF"))
        self.canvas.setToolTip("")
        self._sync_controls()

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(ev)

    def _sync_controls(self) -> None:
        self._syncing = True
        try:
            model = self.anchor_combo.model()
            for i in range(self.anchor_combo.count()):
                anchor = self.anchor_combo.itemData(i)
                error = self._anchor_errors.get(anchor, "")
                model.item(i).setEnabled(not error)
                self.anchor_combo.setItemData(i, error or None, Qt.ItemDataRole.ToolTipRole)
                if anchor == self._anchor:
                    self.anchor_combo.setCurrentIndex(i)
        finally:
            self._syncing = False
        has = self._layout is not None
        for w in (self.anchor_combo, self.fit_button, self.lane_button, self.export_button):
            w.setEnabled(self._case is not None and (has or w is self.anchor_combo))
        notes = []
        if self._error:
            notes.append(self._error)
        if self._layout is not None and self._layout.undated:
            notes.append(self.tr("Therapies without a start date, not drawn: {n}")
                         .format(n=len(self._layout.undated)))
        if self._hidden:
            notes.append(self.tr("Hidden lanes: {n}").format(n=len(self._hidden)))
        self.status.setText(" · ".join(notes))

    def _anchor_picked(self, index: int) -> None:
        if self._syncing or index < 0:
            return
        anchor = self.anchor_combo.itemData(index)
        try:
            self.set_anchor(anchor)
        except AnchorError as e:
            self.status.setText(str(e))
            self._sync_controls()

    def _fill_lane_menu(self) -> None:
        menu = self.lane_menu
        menu.clear()
        for lane_id, title in self._all_lanes:
            action = QAction(title, menu, checkable=True)
            action.setChecked(lane_id not in self._hidden)
            action.setData(lane_id)
            action.toggled.connect(lambda on, lid=lane_id: self.set_lane_visible(lid, on))
            menu.addAction(action)
        menu.addSeparator()
        show_all = menu.addAction(self.tr("Show all lanes"))
        show_all.setEnabled(bool(self._hidden))
        show_all.triggered.connect(self.show_all_lanes)

    def _context_menu(self, global_pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Fit all"), self.fit_all)
        lanes = menu.addMenu(self.tr("Lanes"))
        self._fill_lane_menu()
        for action in self.lane_menu.actions():
            lanes.addAction(action)
        menu.addAction(self.tr("Export…"), self._export_clicked)
        menu.popup(global_pos)

    def _export_clicked(self) -> None:
        if self._case is None:
            return
        name = f"{self._case.code}-timeline.png"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export timeline"), name,
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
        if not path:
            return
        try:
            self.export(path)
        except CasePresenterError as e:
            QMessageBox.warning(self, self.tr("Export timeline"), str(e))

    # --- mouse and keyboard ------------------------------------------------------------
    def _mouse_moved(self, scene_pos: QPointF) -> None:
        text = ""
        vb = self.canvas.vb
        if self._layout is not None and vb.sceneBoundingRect().contains(scene_pos):
            p = vb.mapSceneToView(scene_pos)
            ref = self.item_at(p.x(), p.y())
            text = self._tips.get(ref, "") if ref else ""
        if text == self._hover:
            return
        self._hover = text
        if text:
            pos = self.canvas.mapToGlobal(self.canvas.mapFromScene(scene_pos))
            QToolTip.showText(pos + QPoint(12, 12), text, self.canvas)
        else:
            QToolTip.hideText()

    def _mouse_clicked(self, ev) -> None:
        vb = self.canvas.vb
        if self._layout is None or not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        if ev.button() == Qt.MouseButton.RightButton:
            self._context_menu(ev.screenPos().toPoint())
            return
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        p = vb.mapSceneToView(ev.scenePos())
        self.select(self.item_at(p.x(), p.y()), activate=True)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if obj is self.canvas and ev.type() == QEvent.Type.KeyPress:
            key = ev.key()
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom(ZOOM_STEP)
            elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.zoom(1 / ZOOM_STEP)
            elif key == Qt.Key.Key_Left:
                self.pan(-PAN_STEP)
            elif key == Qt.Key.Key_Right:
                self.pan(PAN_STEP)
            elif key == Qt.Key.Key_Home:
                self.fit_all()
            else:
                return False
            return True
        return super().eventFilter(obj, ev)


def _tooltips(layout: TimelineLayout | None) -> dict[Ref, str]:
    if layout is None:
        return {}
    tips = {b.ref: b.tooltip for b in layout.bars}
    tips.update((m.ref, m.tooltip) for m in layout.markers)
    tips.update((pt.ref, pt.tooltip) for s in layout.series for pt in s.points)
    return tips


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


# --- figures ----------------------------------------------------------------------------
def ensure_app() -> QApplication:
    """The running ``QApplication``, or a new one on the offscreen platform (no window,
    no display needed) unless ``QT_QPA_PLATFORM`` says otherwise."""
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "case-presenter"])
    if not isinstance(app, QApplication):
        raise FigureError("figures need a QApplication (a QCoreApplication is running)")
    return app


def check_size(size: Sequence[int]) -> tuple[int, int]:
    """``size`` as (width, height) pixels, or ``FigureError`` saying what is wrong."""
    try:
        w, h = (int(v) for v in size)
    except (TypeError, ValueError):
        raise FigureError(f"figure size must be two whole numbers of pixels, got {size!r}"
                          ) from None
    if not (MIN_FIGURE_SIDE <= w <= MAX_FIGURE_SIDE and MIN_FIGURE_SIDE <= h <= MAX_FIGURE_SIDE):
        raise FigureError(f"figure size must be {MIN_FIGURE_SIDE}–{MAX_FIGURE_SIDE} pixels "
                          f"each way, got {w}×{h}")
    return w, h


def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise FigureError(f"{path}: unknown figure type {path.suffix or '(no suffix)'!r}; "
                          f"use {', '.join(FIGURE_SUFFIXES)}")
    return suffix


def default_anchor(case: Case, anonymize: bool) -> str:
    """The calendar, or for a de-identified figure the transplant (else the diagnosis)."""
    if not anonymize:
        return "calendar"
    for anchor in ("transplant", "diagnosis"):
        if deid.choose_anchor(case, anchor)[1] is not None:
            return anchor
    return "transplant"  # build_layout says why it cannot be drawn


def render_timeline_figure(case: Case, *, out_path: str | Path,
                           size: tuple[int, int] = FIGURE_SIZE, anchor: str | None = None,
                           lang: str = "en", anonymize: bool = False,
                           hidden_lanes: Iterable[str] = ()) -> Path:
    """Write the whole timeline of ``case`` as a slide figure of ``size`` pixels (PNG, SVG
    or PDF by ``out_path``'s suffix) without showing a window. ``anchor`` defaults to the
    calendar, or when ``anonymize`` to the transplant (else the diagnosis); a de-identified
    figure shows relative time only. Returns the path written."""
    if anchor is not None and anchor not in timeline.ANCHORS:
        raise FigureError(f"anchor must be one of {', '.join(timeline.ANCHORS)}, got {anchor!r}")
    _check_lang(lang)
    source = deid.deidentify(case) if anonymize else case
    return _render(source, Path(out_path), size,
                   anchor=anchor or default_anchor(case, anonymize), lang=lang,
                   anonymize=anonymize, hidden=set(hidden_lanes), x_range=None)


def _render(source: Case, path: Path, size: Sequence[int], *, anchor: str, lang: str,
            anonymize: bool, hidden: set[str], x_range: tuple[float, float] | None) -> Path:
    suffix = check_suffix(path)
    w, h = check_size(size)
    if not path.parent.is_dir():
        raise FigureError(f"{path}: folder {path.parent} does not exist")
    ensure_app()
    canvas = _Canvas(figure_style((w, h)))
    try:
        canvas.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        canvas.resize(w, h)
        canvas.show()
        _settle()
        kw = {"anchor": anchor, "lang": lang, "anonymize": anonymize, "hidden_lanes": hidden}
        try:
            probe = timeline.build_layout(source, **kw)
        except AnchorError as e:
            raise FigureError(str(e)) from None
        lo, hi = x_range or (probe.x_min, probe.x_max)
        dpc = canvas.days_per_char(hi - lo)
        layout = timeline.build_layout(source, days_per_char=dpc, **kw) if dpc else probe
        canvas.draw(layout)
        _settle()
        canvas.vb.setXRange(max(lo, layout.x_min), min(hi, layout.x_max), padding=0)
        _settle()
        _write(canvas, path, suffix, w, h)
    finally:
        canvas.close()
        canvas.deleteLater()
    return path


def _settle() -> None:
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()


def _write(canvas: _Canvas, path: Path, suffix: str, w: int, h: int) -> None:
    target = QRectF(0, 0, w, h)
    source = QRect(0, 0, w, h)
    if suffix == ".png":
        image = QImage(w, h, QImage.Format.Format_ARGB32)
        image.fill(WHITE)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        canvas.render(p, target, source)
        p.end()
        if not image.save(str(path), "PNG"):
            raise FigureError(f"{path}: cannot write the image")
        return
    canvas.set_export_mode(True)
    try:
        if suffix == ".svg":
            gen = QSvgGenerator()
            gen.setFileName(str(path))
            gen.setSize(QSize(w, h))
            gen.setViewBox(QRect(0, 0, w, h))
            gen.setResolution(96)
            gen.setTitle("Timeline")
            gen.setDescription("Case Presenter")
            p = QPainter()
            if not p.begin(gen):
                raise FigureError(f"{path}: cannot write the drawing")
        else:
            gen = QPdfWriter(str(path))
            gen.setCreator("Case Presenter")
            gen.setTitle("Timeline")
            gen.setResolution(96)
            gen.setPageLayout(QPageLayout(
                QPageSize(QSizeF(w * 72 / 96, h * 72 / 96), QPageSize.Unit.Point, "",
                          QPageSize.SizeMatchPolicy.ExactMatch),
                QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            p = QPainter()
            if not p.begin(gen):
                raise FigureError(f"{path}: cannot write the PDF")
        p.fillRect(target, WHITE)
        canvas.render(p, target, source)
        p.end()
    finally:
        canvas.set_export_mode(False)
    if not path.is_file():
        raise FigureError(f"{path}: cannot write the figure")
    if suffix == ".svg":
        try:
            tidy_svg_text(path, (w, h))
        except (OSError, ET.ParseError) as e:
            raise FigureError(f"{path}: cannot write the drawing: {e}") from None


_SVG = "http://www.w3.org/2000/svg"


def tidy_svg_text(path: Path, size: tuple[int, int]) -> None:
    """Qt writes a line of text as one ``<text>`` per script run ("Протокол ",
    "ALL-REZ-MB-2013 (", "с дазатинибом)"), each placed by PT Sans's widths; a viewer
    that draws another font would overlap them. Rejoin the runs of each line, and name
    one family, so the line stays one piece whatever font the viewer has. The size is
    given in pixels (Qt writes millimetres), as slide software expects."""
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    tree = ET.parse(path)
    metrics: dict[tuple[str, str, str], QFontMetricsF] = {}
    family = font_families()[0]

    def advance(el: ET.Element) -> float:
        key = (el.get("font-size", "12"), el.get("font-weight", "400"),
               el.get("font-style", "normal"))
        fm = metrics.get(key)
        if fm is None:
            font = QFont(family)
            font.setPixelSize(max(1, round(float(key[0]))))
            font.setWeight(QFont.Weight(int(float(key[1]))))
            font.setItalic(key[2] != "normal")
            fm = metrics[key] = QFontMetricsF(font)
        return fm.horizontalAdvance(el.text or "")

    same = ("y", "fill", "font-size", "font-weight", "font-style", "font-family")
    for g in tree.iter(f"{{{_SVG}}}g"):
        prev: ET.Element | None = None
        prev_end = 0.0
        for el in list(g):
            if el.tag != f"{{{_SVG}}}text" or el.get("x") is None:
                prev = None
                continue
            x = float(el.get("x", "0"))
            if (prev is not None and all(prev.get(a) == el.get(a) for a in same)
                    and abs(x - prev_end) <= 2.0):
                prev.text = (prev.text or "") + (el.text or "")
                prev_end = x + advance(el)
                g.remove(el)
                continue
            prev, prev_end = el, x + advance(el)
    for el in tree.iter():
        if el.get("font-family"):
            el.set("font-family", family)
    root = tree.getroot()
    root.set("width", str(size[0]))
    root.set("height", str(size[1]))
    tree.write(path, encoding="utf-8", xml_declaration=True)
