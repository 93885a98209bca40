"""The therapy timeline on screen: ``TimelineView``, the widget of the Timeline tab.

Everything drawn comes from ``desktop.core.timeline.build_layout``: lanes, bars, markers,
series, labels (which are shown and where), axis ticks, tooltips and the item under the
mouse (``timeline.hit_test``). The view only maps days and rows to pixels, and handles
zoom, pan, hover and clicks, so the screen, the PDF and the slides always agree.

The layout places labels for a label width in days (``days_per_char``); when the zoom or
the window size makes that width wrong by more than a third, the layout is rebuilt for
the new zoom (after the zoom settles), so zooming in shows more labels, and markers the
whole course draws as one group (of a day or a week) come apart.

The view follows the data: an edited case is shown whole again unless the user has
zoomed or panned (``user_zoomed``); Fit all (Home) shows it whole and follows again.
Lanes that need more rows than the plot has scroll with the bar on the right (or Page
Up/Down); the legend, the time axis and the key stay in view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import deid, timeline
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.core.timeline import AnchorError, Ref, Tick, TimelineLayout
from desktop.gui.timeline.canvas import TimelineCanvas, scroll_area_of
from desktop.gui.timeline.figure import FIGURE_SIZE, FigureError, check_lang, write_figure
from desktop.gui.timeline.input import ViewInput
from desktop.gui.timeline.style import screen_style

# Rebuild the layout when the label width it was built for is off by more than this.
RELAYOUT_RATIO = 1.3
RELAYOUT_DELAY_MS = 200
# Mouse distance, in pixels, within which hovering or clicking finds an item.
HIT_PX = 8.0
# The scroll bar counts rows in this many steps each.
ROW_STEPS = 100
# A view this close to the whole extent (part of its width) is the whole course.
FIT_TOLERANCE = 1e-3


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


class TimelineView(ViewInput, QWidget):
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
        self._user_zoomed = False
        self._setting_range = False  # the view, not the user, moves the range

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
        self.status.setWordWrap(True)  # a long status wraps: the view never scrolls sideways

        self.canvas = TimelineCanvas(screen_style(), cached=True)
        self.canvas.setObjectName("timelinePlot")
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.installEventFilter(self)
        self.canvas.vb.sigXRangeChanged.connect(self._range_changed)
        self.canvas.scene().sigMouseMoved.connect(self._mouse_moved)
        self.canvas.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.setFocusProxy(self.canvas)
        self.row_bar = QScrollBar(Qt.Orientation.Vertical, objectName="timelineRows")
        self.row_bar.valueChanged.connect(self._rows_scrolled)
        self.row_bar.hide()
        self.canvas.on_rows = self._rows_changed

        self._relayout_timer = QTimer(self, singleShot=True, interval=RELAYOUT_DELAY_MS)
        self._relayout_timer.timeout.connect(self._relayout)
        self._room: QWidget | None = None  # the viewport the view is shown in, watched

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.anchor_label, self.anchor_combo, self.fit_button, self.lane_button,
                  self.export_button):
            bar.addWidget(w)
        bar.addWidget(self.status, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(bar)
        plot = QHBoxLayout()
        plot.setContentsMargins(0, 0, 0, 0)
        plot.setSpacing(0)
        plot.addWidget(self.canvas, 1)
        plot.addWidget(self.row_bar)
        box.addLayout(plot, 1)
        self._retranslate()
        self._sync_controls()

    # --- public API ---------------------------------------------------------------------
    def set_case(self, case: Case | None, *, lang: str | None = None,
                 anonymize: bool | None = None) -> None:
        """Show ``case`` (None: nothing), in ``lang``, de-identified if ``anonymize``."""
        if lang is not None:
            check_lang(lang)
            self._lang = lang
        if anonymize is not None:
            self._anonymize = bool(anonymize)
        same = case is not None and self._case is not None and case.code == self._case.code
        if not same:  # another case: all lanes, nothing selected, the whole course
            self._hidden.clear()
            self._selected = None
        self._case, self._deid = case, None
        self._all_lanes = []
        if not same:
            self._user_zoomed = False
        # the same case, edited: stay where the user zoomed to, else show it all again
        self._rebuild(keep_range=same and self._user_zoomed)

    def set_language(self, lang: str) -> None:
        check_lang(lang)
        if lang != self._lang:
            self._lang = lang
            self._all_lanes = []
            self._rebuild(keep_range=self._user_zoomed)

    def set_anonymize(self, on: bool) -> None:
        if bool(on) != self._anonymize:
            self._anonymize = bool(on)
            self._rebuild(keep_range=self._user_zoomed)

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
            self._rebuild(keep_range=self._user_zoomed)

    def fit_all(self) -> None:
        """Show the whole course, and follow the data again when it changes."""
        self._fit()
        self._user_zoomed = False

    def _fit(self) -> None:
        self._setting_range = True
        try:
            self.canvas.fit()
        finally:
            self._setting_range = False

    @property
    def user_zoomed(self) -> bool:
        """Whether the user zoomed or panned away from the whole course (an edit then
        keeps the view where it is)."""
        return self._user_zoomed

    def export(self, path: str | Path, size: tuple[int, int] = FIGURE_SIZE) -> Path:
        """Write what is shown (anchor, language, hidden lanes, the visible period) as a
        figure of ``size`` pixels: PNG, SVG or PDF by the file's suffix."""
        if self._case is None or self._layout is None:
            raise FigureError("no timeline to export")
        return write_figure(self._source(), Path(path), size, anchor=self._anchor,
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
        self._setting_range = True
        try:
            self.canvas.draw(layout)
            if layout is not None:
                if keep_range and old is not None:
                    # a new anchor moves the origin (the extent is the same data, shifted)
                    moved = (layout.anchor, layout.anonymized) != (old.anchor, old.anonymized)
                    shift = layout.x_min - old.x_min if moved else 0.0
                    # the same days, wherever the axis breaks of the new layout put them
                    lo, hi = (timeline.drawn_x(layout.breaks,
                                               timeline.real_day(old.breaks, x) + shift)
                              for x in old_range)
                    self.canvas.vb.setXRange(lo, hi, padding=0)
                else:
                    self.canvas.fit()
        finally:
            self._setting_range = False
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
        if not self._setting_range and self._layout is not None:
            lo, hi = self.x_range()
            layout = self._layout
            tol = FIT_TOLERANCE * (layout.x_max - layout.x_min)
            self._user_zoomed = abs(lo - layout.x_min) > tol or abs(hi - layout.x_max) > tol
        if self._relayout_due():
            self._relayout_timer.start()

    # --- rows ----------------------------------------------------------------------------
    def _rows_changed(self, total: float, shown: float, first: float) -> None:
        """The canvas shows ``shown`` of ``total`` rows from ``first``: the scroll bar."""
        bar = self.row_bar
        bar.blockSignals(True)
        try:
            bar.setRange(0, max(0, round((total - shown) * ROW_STEPS)))
            bar.setPageStep(max(1, round(shown * ROW_STEPS)))
            bar.setSingleStep(ROW_STEPS)
            bar.setValue(round(first * ROW_STEPS))
        finally:
            bar.blockSignals(False)
        bar.setVisible(total - shown > 1e-6)

    def _rows_scrolled(self, value: int) -> None:
        self.canvas.scroll_rows(value / ROW_STEPS)

    def scroll_rows(self, first: float) -> None:
        """Show the lanes from row ``first`` down (they scroll; the time axis stays)."""
        self.canvas.scroll_rows(first)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._relayout_timer.start()

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        self._watch_room()

    def _watch_room(self) -> None:
        """Follow the height of the scroll area the view is shown in (the view itself
        does not shrink below its least height): the key's share of it changes."""
        area = scroll_area_of(self)
        viewport = area.viewport() if area is not None else None
        if viewport is self._room:
            return
        if self._room is not None:
            self._room.removeEventFilter(self)
        self._room = viewport
        if viewport is not None:
            viewport.installEventFilter(self)
            self.canvas.room_changed()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if obj is self._room and ev.type() == QEvent.Type.Resize \
                and ev.size().height() != ev.oldSize().height():
            self.canvas.room_changed()
            return False
        return super().eventFilter(obj, ev)

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

def _tooltips(layout: TimelineLayout | None) -> dict[Ref, str]:
    if layout is None:
        return {}
    tips = {b.ref: b.tooltip for b in layout.bars}
    tips.update((m.ref, m.tooltip) for m in layout.markers)
    tips.update((pt.ref, pt.tooltip) for s in layout.series for pt in s.points)
    return tips
