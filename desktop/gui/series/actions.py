"""View ▸ Compare… (the cases selected in the library as a series) and View ▸ Saved
Series…; also on the library list's context menu. ``install(window)`` adds them once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow

from desktop.core.errors import CasePresenterError
from desktop.gui.library.model import CaseListModel

if TYPE_CHECKING:  # the series code loads when a series is first opened
    from desktop.gui.series.view import SeriesView


def install(window: QMainWindow) -> SeriesActions:
    existing = getattr(window, "series_actions", None)
    if isinstance(existing, SeriesActions):
        return existing
    window.series_actions = SeriesActions(window)
    return window.series_actions


class SeriesActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.views: list[SeriesView] = []
        self.compare_action = QAction(window, objectName="compareAction")
        self.compare_action.triggered.connect(lambda _c=False: self.compare())
        self.saved_action = QAction(window, objectName="savedSeriesAction")
        self.saved_action.triggered.connect(lambda _c=False: self.open_saved())
        menu = getattr(window, "view_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addActions([self.compare_action, self.saved_action])
        lst = window.library.list
        lst.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lst.addAction(self.compare_action)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.compare_action.setText(self.tr("&Compare…"))
        self.compare_action.setToolTip(self.tr(
            "Show the selected cases on one timeline, aligned on the day that matters"))
        self.saved_action.setText(self.tr("Saved Se&ries…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for v in self.views:
                v.retranslate()
        return False

    def selected_codes(self) -> list[str]:
        rows = sorted(self.window.library.list.selectionModel().selectedRows(),
                      key=lambda i: i.row())
        return [c for c in dict.fromkeys(i.data(CaseListModel.CodeRole) for i in rows) if c]

    def _show(self, view: SeriesView) -> SeriesView:
        self.views.append(view)
        view.destroyed.connect(lambda _o=None, v=view: self.views.remove(v)
                               if v in self.views else None)
        view.show()
        return view

    def compare(self, codes: list[str] | None = None) -> SeriesView | None:
        codes = codes or self.selected_codes()
        if not codes:
            self.window.statusBar().showMessage(self.tr("Select cases in the library first"),
                                                8000)
            return None
        s = self.window.session
        from desktop.gui.series.view import SeriesView

        return self._show(SeriesView(s.store, codes, s.text_lang, parent=self.window))

    def open_saved(self, name: str | None = None) -> SeriesView | None:
        s = self.window.session
        if name is None:
            names = [x.name for x in s.store.list_series()]
            if not names:
                self.window.statusBar().showMessage(self.tr("No saved series yet"), 8000)
                return None
            name, ok = QInputDialog.getItem(self.window, self.tr("Saved Series"),
                                            self.tr("Series:"), names, 0, False)
            if not ok:
                return None
        try:
            saved = s.store.get_series(name)
        except CasePresenterError as e:
            self.window.statusBar().showMessage(str(e), 8000)
            return None
        codes = [c for c in saved.codes if c in s.store]
        from desktop.gui.series.view import SeriesView

        return self._show(SeriesView(s.store, codes, s.text_lang, saved, parent=self.window))
