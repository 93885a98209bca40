"""A grid of labelled fields (label | input, hint below), bound to the session."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from desktop.gui.case.fields import Binding, FieldEditor
from desktop.gui.common.session import CaseSession


class FieldForm(QGroupBox):
    """A group of fields. Bilingual pairs share a row and show the case-text language."""

    def __init__(self, session: CaseSession, title_key: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title_key = title_key
        self.editors: dict[str, FieldEditor] = {}
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self._row = 0
        self._stretch_row = -1

    def _end(self) -> None:
        """Rows stay at the top: the space below the last one stretches."""
        if self._stretch_row >= 0:
            self.grid.setRowStretch(self._stretch_row, 0)
        self._stretch_row = self._row
        self.grid.setRowStretch(self._row, 1)

    def add(self, binding: Binding, pair: Binding | None = None) -> FieldEditor:
        """A row for ``binding`` (and its other-language ``pair``, in the same place)."""
        editor = FieldEditor(self.session, binding, self)
        editor.owns_label = True
        self.editors[binding.key] = editor
        editor.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        editor.label.setContentsMargins(0, 4, 0, 0)
        self.grid.addWidget(editor.label, self._row, 0)
        self.grid.addWidget(editor.input, self._row, 1)
        self.grid.addWidget(editor.hint, self._row + 1, 1)
        if pair is not None:
            other = FieldEditor(self.session, pair, self)
            self.editors[pair.key] = other
            other.label.hide()
            other.owns_label = False
            self.grid.addWidget(other.input, self._row, 1)
            self.grid.addWidget(other.hint, self._row + 1, 1)
            editor.peer, other.peer = other, editor
        self._row += 2
        self._end()
        return editor

    def add_widget(self, widget: QWidget, label: QLabel | None = None) -> None:
        if label is not None:
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(label, self._row, 0)
        self.grid.addWidget(widget, self._row, 1)
        self._row += 1
        self._end()

    def retranslate(self) -> None:
        from desktop.gui.common.i18n import heading

        if self.title_key:
            self.setTitle(heading(self.title_key, self.session.ui_lang))
        for editor in self.editors.values():
            editor.retranslate()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def load(self) -> None:
        """Show the case; only the case-text language of a pair; identifying fields
        hidden while anonymized."""
        for editor in self.editors.values():
            editor.load()
            b = editor.b
            shown = not (b.identifying and self.session.anonymized)
            if b.lang is None:
                editor.set_visible(shown)
                continue
            # a pair: one label (the first's), the input of the case-text language
            editor.label.setVisible(shown and editor.owns_label)
            here = shown and b.lang == self.session.text_lang
            editor.input.setVisible(here)
            editor.hint.setVisible(here and bool(editor.hint.text()))
