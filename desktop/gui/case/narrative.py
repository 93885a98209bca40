"""The Narrative tab: each section of the case report, English and Russian side by side."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from desktop.core import vocab
from desktop.gui.case.fields import FieldEditor, section_half
from desktop.gui.common.session import CaseSession


class NarrativeTab(QScrollArea):
    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("narrativeTab")
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.setWidget(body)
        self.editors: dict[str, FieldEditor] = {}
        self.headings: dict[str, QLabel] = {}
        grid = QGridLayout(body)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.lang_headers = {lang: QLabel(body) for lang in ("en", "ru")}
        for col, lang in enumerate(("en", "ru")):
            h = self.lang_headers[lang]
            h.setStyleSheet("color: #555; font-weight: bold;")
            grid.addWidget(h, 0, col)
        row = 1
        for name in vocab.SECTIONS:
            title = QLabel(body)
            title.setObjectName(f"section_{name}_title")
            title.setStyleSheet("font-weight: bold; font-size: 12pt; margin-top: 10px;")
            self.headings[name] = title
            grid.addWidget(title, row, 0, 1, 2)
            for col, lang in enumerate(("en", "ru")):
                editor = FieldEditor(session, section_half(name, lang), body)
                editor.input.min_lines, editor.input.max_lines = 3, 16
                editor.label.hide()
                self.editors[editor.b.key] = editor
                grid.addWidget(editor.input, row + 1, col, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(editor.hint, row + 2, col)
            row += 3
        grid.setRowStretch(row, 1)
        self.body = body
        body.editors = self.editors  # the other language's text, for tooltips
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.session.ui_lang
        self.lang_headers["en"].setText(self.tr("English"))
        self.lang_headers["ru"].setText(self.tr("Russian"))
        for name, label in self.headings.items():
            label.setText(vocab.label(vocab.SECTIONS, name, lang))
        for editor in self.editors.values():
            editor.retranslate()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        for editor in self.editors.values():
            editor.load()
            editor.input.setToolTip("")


