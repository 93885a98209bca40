"""A grid of labelled fields (label | input, hint below), bound to the session.

A bilingual text shows its English and Russian inputs side by side, each marked with
its language, and says under one that is empty while the other is not that the
translation is missing — no toolbar switch to find first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.case.fields import Binding, FieldEditor
from desktop.gui.common.session import CaseSession

MISSING_COLOUR = "#8d6e00"


def missing_text(lang: str) -> str:
    from desktop.gui.common.i18n import translate

    return (translate("Fields", "missing in Russian") if lang == "ru"
            else translate("Fields", "missing in English"))


class FieldForm(QGroupBox):
    """A group of fields. Bilingual pairs share a row, English and Russian side by side."""

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
        if pair is None:
            self.grid.addWidget(editor.input, self._row, 1)
            self.grid.addWidget(editor.hint, self._row + 1, 1)
        else:
            other = FieldEditor(self.session, pair, self)
            self.editors[pair.key] = other
            other.label.hide()
            other.owns_label = False
            editor.peer, other.peer = other, editor
            self.grid.addWidget(self._side_by_side(editor, other), self._row, 1, 2, 1)
        self._row += 2
        self._end()
        return editor

    def _side_by_side(self, *editors: FieldEditor) -> QWidget:
        """EN | RU, each input with its language tag, its hint and its missing marker."""
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for editor in editors:
            lang = editor.b.lang or ""
            column = QVBoxLayout()
            column.setSpacing(2)
            line = QHBoxLayout()
            tag = QLabel(lang.upper(), box, objectName=f"lang_{editor.b.key}")
            tag.setStyleSheet("color: #666; font-size: 8pt;")
            tag.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            tag.setContentsMargins(0, 4, 0, 0)
            line.addWidget(tag)
            line.addWidget(editor.input, 1)
            column.addLayout(line)
            column.addWidget(editor.hint)
            editor.missing = QLabel(box, objectName=f"missing_{editor.b.key}")
            editor.missing.setStyleSheet(f"color: {MISSING_COLOUR}; font-size: 8pt;")
            editor.missing.hide()
            column.addWidget(editor.missing)
            column.addStretch(1)
            row.addLayout(column, 1)
        return box

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
            # a pair: one label (the first's), both inputs side by side
            editor.label.setVisible(shown and editor.owns_label)
            editor.input.setVisible(shown)
            editor.hint.setVisible(shown and bool(editor.hint.text()))
            self.mark_missing(editor)

    def mark_missing(self, editor: FieldEditor) -> None:
        """"missing in Russian" under an empty half whose other half has text."""
        case = self.session.display_case
        peer = getattr(editor, "peer", None)
        marker = getattr(editor, "missing", None)
        if marker is None or peer is None:
            return
        gap = case is not None and not editor.b.get(case) and bool(peer.b.get(case))
        marker.setText(missing_text(editor.b.lang or "") if gap else "")
        marker.setVisible(gap and editor.input.isVisibleTo(self))
