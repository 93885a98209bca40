"""One drawing of a ``TimelineLayout`` for the screen, the figures and the presentation:
the legend above, lane titles on the left, bars, markers, series, labels and callout
numbers in one plot, the time axis under it and the callouts' key below.

On screen the rows keep a readable height: when the lanes need more room than the plot
has, the plot shows a window of rows (``scroll_rows``) and the time axis, the legend and
the key stay where they are.

Drawing is batched for long cases: one ``ScatterPlotItem`` per symbol and colour, one item
that paints every bar, one that paints the visible labels, one path per whisker colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QGraphicsItem, QWidget

from desktop.core import timeline
from desktop.core.timeline import Ref, TimelineLayout
from desktop.core.timeline.steps import reveal_stages
from desktop.gui.timeline.axes import LaneAxis, TimeAxis
from desktop.gui.timeline.bars import Backdrop, Bars, Highlight, Paths
from desktop.gui.timeline.key import Key
from desktop.gui.timeline.labels import Labels
from desktop.gui.timeline.legend import Legend, legend_entries
from desktop.gui.timeline.style import (
    MIN_ROW_FOR_LABELS,
    MIN_X_SPAN,
    OUTLINE,
    ROW_COMFORT,
    WHISKER_CAP,
    WHITE,
    Y_PAD,
    TimelineStyle,
    cosmetic_pen,
    tint,
)

#: Rows of lanes the view keeps on screen however small its room: the lanes beyond them
#: scroll beside the plot, and the view itself never needs the room scrolled on a laptop.
LEAST_ROWS = 2.0


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area ``widget`` is shown in, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


class TimelineCanvas(pg.GraphicsLayoutWidget):
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
        self.legend = Legend(self)
        self.time_axis = TimeAxis(self)
        self.lane_axis = LaneAxis(self)
        self.plot = pg.PlotItem(axisItems={"bottom": self.time_axis, "left": self.lane_axis})
        self.plot.layout.setContentsMargins(0, 0, 0, 0)
        self.key = Key(self)
        self.ci.addItem(self.legend, row=0, col=0)
        self.ci.addItem(self.plot, row=1, col=0)
        self.ci.addItem(self.key, row=2, col=0)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.vb: pg.ViewBox = self.plot.getViewBox()
        self.vb.invertY(True)
        self.vb.setMouseEnabled(x=True, y=False)
        self.vb.setMenuEnabled(False)
        self.vb.disableAutoRange()
        self.vb.setDefaultPadding(0.0)
        self.backdrop = Backdrop(self)
        self.bars = Bars(self)
        self.labels = Labels(self)
        self.highlight = Highlight(self)
        for item in (self.backdrop, self.bars, self.labels, self.highlight):
            self.plot.addItem(item, ignoreBounds=True)
        self.whiskers = Paths(-20)
        self.lines = Paths(-15)
        for item in (self.whiskers, self.lines):
            self.plot.addItem(item, ignoreBounds=True)
        self.scatters: list[pg.ScatterPlotItem] = []
        self.revealed: int | None = None  # event markers drawn: the first n in time order
        self.on_screen = cached
        self.rows_top = -Y_PAD  # on screen: the first row in view
        #: on screen, told (rows in all, rows in view, first row in view) when they change
        self.on_rows: Callable[[float, float, float], None] | None = None
        if cached:  # on screen: the lane column and the legend do not move with time
            for item in (self.lane_axis, self.legend):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.vb.sigResized.connect(self._fit_rows)

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
        self.key.set_layout(shown)
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
            self.setMinimumHeight(self._least_height())
            self._fit_rows()

    def screen_room(self) -> float | None:
        """The height the view is shown in: the viewport of the scroll area around it
        (the view may be taller and scroll), else this widget's window; None off screen."""
        area = scroll_area_of(self)
        if area is not None:
            return float(area.viewport().height())
        return float(self.window().height()) if self.isVisible() else None

    def room_changed(self) -> None:
        """The room the view is shown in changed: the key takes its share anew and the
        lanes the rest."""
        self.key.reflow()
        if self.on_screen and self.layout_ is not None:
            self.setMinimumHeight(self._least_height())
            self._fit_rows()

    def rows_hold_labels(self) -> bool:
        """Whether the rows drawn now are high enough for their labels (``Labels``
        leaves them out below ``MIN_ROW_FOR_LABELS`` lines)."""
        lo, hi = self.vb.viewRange()[1]
        h = self.vb.size().height()
        line = QFontMetricsF(self.style_.label).height()
        return hi > lo and h / (hi - lo) >= MIN_ROW_FOR_LABELS * line

    # rows on screen
    def row_px(self) -> float:
        """Pixels a row needs on screen: a line of label text, a little generous."""
        return QFontMetricsF(self.style_.label).height() * ROW_COMFORT

    def _least_height(self) -> int:
        """Legend, key, axis and a few rows: the rest of the lanes scroll in the plot."""
        axis = 3 * QFontMetricsF(self.style_.tick).height()
        top, bottom = self.style_.margins[1], self.style_.margins[3]
        rows = min(self.layout_.height + 2 * Y_PAD, LEAST_ROWS) if self.layout_ else 1.0
        return int(rows * self.row_px() + self.legend.preferredHeight()
                   + self.key.preferredHeight() + axis + top + bottom)

    def _fit_rows(self, *_args) -> None:
        """On screen, every row at least ``row_px`` high: the rows that fit are shown
        from ``rows_top``, and the others scroll (``scroll_rows``)."""
        layout = self.layout_
        if layout is None or not self.on_screen:
            return
        total = layout.height + 2 * Y_PAD
        h = self.vb.size().height()
        n = min(total, h / self.row_px()) if h > 1 else total
        top = min(max(self.rows_top, -Y_PAD), layout.height + Y_PAD - n)
        self.rows_top = top
        self.vb.setYRange(top, top + n, padding=0)
        if self.on_rows is not None:
            self.on_rows(total, n, top + Y_PAD)

    def scroll_rows(self, first: float) -> None:
        """Show the rows from ``first`` (0: the top of the first lane's margin) down."""
        self.rows_top = first - Y_PAD
        self._fit_rows()

    def rows_in_view(self) -> tuple[float, float]:
        """The rows shown, top and bottom (layout y)."""
        lo, hi = self.vb.viewRange()[1]
        return float(lo), float(hi)

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
              cosmetic_pen(tint(colour, 0.25), width)) for colour, (xs, ys) in groups.items()],
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
                              cosmetic_pen(s.colour, width)))
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
            return pens.setdefault(colour, cosmetic_pen(colour, self.style_.pen_px))

        outline, white = cosmetic_pen(OUTLINE, 1.0), QBrush(WHITE)
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
        """Draw only the event markers of the first ``count`` reveal steps
        (``timeline.reveal_stages``: turning points, then the rest), with their labels and
        whiskers (None: all of them); bars, series, lanes, legend and axis stay as they
        are. A presentation reveals the course in a few steps with it."""
        self.revealed = None if count is None else max(0, count)
        if self.layout_ is not None:
            self.draw(self.layout_)

    def revealed_markers(self) -> list[timeline.Marker]:
        """The event markers drawn now, in time order (ties in the layout's order)."""
        if self.layout_ is None:
            return []
        if self.revealed is None:
            return sorted(self.layout_.markers, key=lambda m: m.x)
        stages = reveal_stages(self.layout_)[:self.revealed]
        return sorted((m for stage in stages for m in stage), key=lambda m: m.x)

    def _revealed_layout(self, layout: TimelineLayout | None) -> TimelineLayout | None:
        if layout is None or self.revealed is None:
            return layout
        kept = self.revealed_markers()
        keep = {id(m) for m in kept}
        numbers = {m.callout for m in kept}
        return replace(layout, markers=tuple(m for m in layout.markers if id(m) in keep),
                       key=tuple(e for e in layout.key if e.number in numbers))

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
        out += self.key.texts()
        out += [t.label for t in self.time_axis.shown]
        out.append(self.time_axis.title or layout.axis_title)
        return out
