"""The main window: the case library on the left, the selected case on the right.

A first, read-only window on the core; the full editor is its own piece of work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store import Store
from desktop.show import format_case


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, lang: str = "en") -> None:
        super().__init__()
        self.store = Store.open(db_path)
        self.lang = lang
        self.setWindowTitle("Case Presenter")
        self.resize(1200, 780)

        self.search_box = QLineEdit(objectName="searchBox", clearButtonEnabled=True)
        self.search_box.setPlaceholderText("Search cases (English or Russian)…")
        self.case_list = QListWidget(objectName="caseList")
        self.case_view = QTextBrowser(objectName="caseView")
        self.case_view.setStyleSheet("font-family: monospace; font-size: 11pt;")

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search_box)
        column.addWidget(self.case_list)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.case_view)
        splitter.setSizes([360, 840])
        self.setCentralWidget(splitter)

        find = QAction("Find", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self.search_box.setFocus)
        self.addAction(find)
        lang_action = QAction("Русский / English", self, shortcut="Ctrl+L")
        lang_action.triggered.connect(self.toggle_language)
        self.menuBar().addMenu("&View").addAction(lang_action)

        self.search_box.textChanged.connect(self.refresh_list)
        self.case_list.currentItemChanged.connect(self._show_current)
        self.statusBar().showMessage(f"Library: {db_path}")
        self.refresh_list()

    def refresh_list(self) -> None:
        self.case_list.clear()
        for row in self.store.search(self.search_box.text()):
            item = QListWidgetItem(f"{row.code}\n{row.title.get(self.lang) or ''}")
            item.setData(Qt.ItemDataRole.UserRole, row.code)
            self.case_list.addItem(item)
        if self.case_list.count():
            self.case_list.setCurrentRow(0)
        else:
            self.case_view.clear()

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            code = item.data(Qt.ItemDataRole.UserRole)
            self.case_view.setPlainText(format_case(self.store.get(code), self.lang))

    def toggle_language(self) -> None:
        self.lang = "ru" if self.lang == "en" else "en"
        self.refresh_list()

    def closeEvent(self, event) -> None:
        self.store.close()
        super().closeEvent(event)
