"""The therapy timeline on screen: ``TimelineView``, the widget of the Timeline tab.

Everything drawn comes from ``desktop.core.timeline.build_layout``: lanes, bars, markers,
series, labels (which are shown and where), axis ticks, tooltips and the item under the
mouse (``timeline.hit_test``). The view only maps days and rows to pixels, and handles
zoom, pan, hover and clicks, so the screen, the PDF and the slides always agree.

The layout places labels for a label width in days (``days_per_char``); when the zoom or
the window size makes that width wrong by more than a third, the layout is rebuilt for
the new zoom (after the zoom settles), so zooming in shows more labels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core import deid, timeline
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case
from desktop.core.timeline import AnchorError, Ref, Tick, TimelineLayout
from desktop.gui.timeline.canvas import TimelineCanvas
from desktop.gui.timeline.figure import FIGURE_SIZE, FigureError, check_lang, write_figure
from desktop.gui.timeline.style import screen_style

# Rebuild the layout when the label width it was built for is off by more than this.
RELAYOUT_RATIO = 1.3
RELAYOUT_DELAY_MS = 200
ZOOM_STEP = 1.5
PAN_STEP = 0.2
# Mouse distance, in pixels, within which hovering or clicking finds an item.
HIT_PX = 8.0


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

        self.canvas = TimelineCanvas(screen_style(), cached=True)
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
        self._rebuild(keep_range=same)  # the same case, edited: stay where the user is

    def set_language(self, lang: str) -> None:
        check_lang(lang)
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
