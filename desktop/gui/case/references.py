"""The References tab: one reference per row, in the order they are cited."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core import vocab
from desktop.gui.case.columns import Column
from desktop.gui.case.table_model import ListTableModel
from desktop.gui.case.tables import ListEditor
from desktop.gui.common.session import CaseSession


class ReferencesTab(QWidget):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("referencesTab")
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.editor = ListEditor(session, "referenceTable", ListTableModel(
            session, lambda case: case.references, lambda case: "",
            [Column("", "text", label="reference", stretch=True)],
            lambda: self.tr("reference"),
            incomplete=lambda item: self.tr("Write the reference.") if not item.strip()
            else None), "references", self)
        self.editor.view.horizontalHeader().hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(vocab.field("references", self.session.ui_lang))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        self.editor.refresh()
