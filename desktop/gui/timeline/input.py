"""What the timeline view does with the mouse, the keyboard and its menus: hover for an
item's details, click to open it, zoom and pan with the keys, scroll the rows, the lane
menu, the context menu and the export dialog. A part of ``TimelineView`` kept apart so
that each file stays short; it reads the view's canvas, layout and tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolTip

from desktop.core.errors import CasePresenterError
from desktop.gui.common.i18n import translate

ZOOM_STEP = 1.5
PAN_STEP = 0.2


class ViewInput:
    """Mouse, keys and menus of ``TimelineView`` (mixed into it)."""

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
        show_all = menu.addAction(translate("TimelineView", "Show all lanes"))
        show_all.setEnabled(bool(self._hidden))
        show_all.triggered.connect(self.show_all_lanes)

    def _context_menu(self, global_pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(translate("TimelineView", "Fit all"), self.fit_all)
        lanes = menu.addMenu(translate("TimelineView", "Lanes"))
        self._fill_lane_menu()
        for action in self.lane_menu.actions():
            lanes.addAction(action)
        menu.addAction(translate("TimelineView", "Export…"), self._export_clicked)
        menu.popup(global_pos)

    def _export_clicked(self) -> None:
        if self._case is None:
            return
        name = f"{self._case.code}-timeline.png"
        path, _ = QFileDialog.getSaveFileName(
            self, translate("TimelineView", "Export timeline"), name,
            translate("TimelineView",
                      "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
        if not path:
            return
        try:
            self.export(path)
        except CasePresenterError as e:
            QMessageBox.warning(self, translate("TimelineView", "Export timeline"), str(e))

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
            elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = self.row_bar.pageStep()
                self.row_bar.setValue(self.row_bar.value()
                                      + (step if key == Qt.Key.Key_PageDown else -step))
            else:
                return False
            return True
        return super().eventFilter(obj, ev)
