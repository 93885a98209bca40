"""One list of the case (therapies, events, lesions, ...) as a Qt table model.

Every accepted cell, added, removed or moved row is one ``session.submit`` — one
transaction and one undo step. A new row that is not yet complete (an event without a
date) stays a *draft*: shown in italics, never written, until the case-file rules
accept it; then it is added in one step.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core import vocab
from desktop.core.model import Case
from desktop.gui.case.columns import Column, bool3_choices, wrap_heading
from desktop.gui.common import values
from desktop.gui.common.i18n import heading, translate
from desktop.gui.common.session import CaseSession
from desktop.gui.common.values import FieldError

MISSING_COLOUR = QColor("#8a8a8a")
_ROOT = QModelIndex()  # the root: no parent


class ListTableModel(QAbstractTableModel):
    """Rows of one list of the current case (``rows_of(case)``), plus a draft row."""

    message = Signal(str, bool)  # text, is_error

    def __init__(self, session: CaseSession, rows_of: Callable[[Case], list | None],
                 new_item: Callable[[Case], Any], columns: list[Column], noun: Callable[[], str],
                 incomplete: Callable[[Any], str | None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session, self.rows_of, self.new_item = session, rows_of, new_item
        self.columns, self.noun = columns, noun
        #: a rule of the window's own on top of the case-file rules (an empty reference)
        self.incomplete = incomplete or (lambda item: None)
        self.draft: Any = None
        self._rows: list = []
        self._draft_code: str | None = None
        # a draft is being added: the refresh that follows keeps the rows (and the
        #: open cell editor, and the keyboard focus) instead of resetting the table
        self._committing = False

    # --- reading --------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the rows again; a change in number resets, otherwise cells update in place
        (safe while a cell editor is closing)."""
        case = self.session.display_case
        code = self.session.case.code if self.session.case else None
        if code != self._draft_code:
            self.draft = None
        rows = list(self.rows_of(case) or []) if case is not None else []
        shown = self.rowCount()
        if self._committing and self.draft is not None and len(rows) == len(self._rows) + 1:
            self.draft = None  # the draft became the last row: same rows, no reset
        if len(rows) + (self.draft is not None) == shown and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(self.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
        else:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows) + (self.draft is not None)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def is_draft(self, row: int) -> bool:
        return self.draft is not None and row == len(self._rows)

    def item(self, row: int) -> Any:
        return self.draft if self.is_draft(row) else self._rows[row]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return "*" if self.is_draft(section) else str(section + 1)
        col = self.columns[section]
        text = heading(col.label or col.key, self.session.ui_lang)
        return wrap_heading(text, max(col.width, 9))

    def display(self, col: Column, value: Any) -> str:
        lang = self.session.text_lang
        if value is None:
            return ""
        if col.kind == "ltext":
            return value.get(lang) or ""
        if col.kind == "date":
            return self.session.date_text(value)
        if col.kind in ("int", "float"):
            return values.format_number(value, lang)
        if col.kind in ("choice", "bool3"):
            if col.show_code:
                return str(value)
            labels = dict(col.choices(self.session.ui_lang) if col.choices
                          else bool3_choices(self.session.ui_lang))
            return labels.get(value) or str(value)
        if col.kind == "bool":
            return ""
        if col.kind == "image":
            return value.media_type.split("/")[-1].upper()
        return str(value)

    def edit_text(self, col: Column, value: Any) -> Any:
        if col.kind in ("choice", "bool3"):
            return value
        if col.kind == "date":
            return values.format_date(value, self.session.text_lang)
        return self.display(col, value)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        value = col.get(self.item(index.row()))
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            text = self.display(col, value)
            if not text and col.kind == "ltext" and value:
                return vocab.field("missing_translation", self.session.text_lang)
            return text
        if role == R.EditRole:
            return self.edit_text(col, value)
        if role == R.ToolTipRole:
            return self._tooltip(col, value)
        if role == R.ForegroundRole and col.kind == "ltext" and value \
                and not value.get(self.session.text_lang):
            return QBrush(MISSING_COLOUR)
        if role == R.FontRole and self.is_draft(index.row()):
            font = QFont()
            font.setItalic(True)
            return font
        if role == R.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == R.TextAlignmentRole:
            if col.kind in ("int", "float"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _tooltip(self, col: Column, value: Any) -> str | None:
        if col.kind == "ltext" and value:
            other = "ru" if self.session.text_lang == "en" else "en"
            here = value.get(self.session.text_lang)
            return "\n\n".join(x for x in (here, f"{other.upper()}: {value.get(other) or '—'}")
                               if x)
        if col.kind == "text" and value and len(str(value)) > 40:
            return str(value)
        if col.kind == "choice" and value is not None and col.choices:
            return dict(col.choices(self.session.ui_lang)).get(value) or str(value)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or not self.session.editable:
            return flags
        col = self.columns[index.column()]
        if col.kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if col.kind == "image":
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    # --- changing ---------------------------------------------------------------------
    def parse(self, col: Column, raw: Any) -> Any:
        if col.kind in ("choice", "bool3", "bool"):
            return raw
        text = "" if raw is None else str(raw)
        if col.kind == "date":
            return values.parse_date(text, required=col.required,
                                     lang=self.session.ui_lang)
        if col.kind in ("int", "float"):
            return values.parse_number(text, integer=col.kind == "int", unit=col.unit,
                                       required=col.required)
        if col.kind == "text" and not col.key:
            return text.strip()
        return values.parse_text(text)

    def candidate(self, row: int, column: int, raw: Any) -> tuple[Case | None, str | None]:
        """The case with ``raw`` in that cell, or why it is refused."""
        case = self.session.case
        if case is None:
            return None, None
        col = self.columns[column]
        try:
            value = self.parse(col, raw)
        except FieldError as e:
            return None, str(e)
        item = col.with_value(self.item(row), value, self.session.text_lang)
        after = copy.deepcopy(case)
        rows = self.rows_of(after)
        if rows is None:
            return None, None
        if self.is_draft(row):
            rows.append(item)
        else:
            rows[row] = item
        return after, self.incomplete(item) or self.session.check(after)

    def preview(self, row: int, column: int, raw: Any) -> None:
        if not self.session.editable:
            return
        after, problem = self.candidate(row, column, raw)
        col = self.columns[column]
        if problem:
            self.message.emit(problem, True)
        elif col.kind == "date" and after is not None:
            value = self.parse(col, raw)
            self.message.emit("→ " + values.format_date(value, self.session.text_lang)
                              if value else "", False)
        else:
            self.message.emit("", False)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.session.editable:
            return False
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        row = index.row()
        if self.is_draft(row):
            return self._edit_draft(row, col, value)
        after, problem = self.candidate(row, index.column(), value)
        if after is None or problem:
            self.message.emit(problem or "", True)
            return False
        if after == self.session.case:
            return True
        heading_text = heading(col.label or col.key, self.session.ui_lang)
        problem = self.session.submit(
            after, translate("Tables", "Edit %1 of %2").replace("%1", heading_text).replace(
                "%2", self.noun()))
        self.message.emit(problem or "", bool(problem))
        return not problem

    def _edit_draft(self, row: int, col: Column, raw: Any) -> bool:
        try:
            value = self.parse(col, raw)
        except FieldError as e:
            self.message.emit(str(e), True)
            return False
        self.draft = col.with_value(self.draft, value, self.session.text_lang)
        r = self.rowCount() - 1
        self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.columns) - 1))
        return self.try_commit_draft() or True

    def _with_draft(self) -> Case | None:
        case = self.session.case
        if case is None or self.draft is None:
            return None
        after = copy.deepcopy(case)
        rows = self.rows_of(after)
        if rows is None:
            return None
        rows.append(copy.deepcopy(self.draft))
        return after

    def try_commit_draft(self) -> bool:
        """Add the draft row if the rules accept it now; else say what it still needs."""
        after = self._with_draft()
        if after is None:
            return False
        problem = self.incomplete(self.draft) or self.session.check(after)
        if problem:
            self.message.emit(translate("Tables", "New row, not saved yet: %1").replace(
                "%1", problem), True)
            return False
        self._committing = True
        try:
            problem = self.session.submit(
                after, translate("Tables", "Add %1").replace("%1", self.noun()))
        finally:
            self._committing = False
        if problem:
            self.message.emit(problem, True)
            return False
        if self.draft is not None:  # the session did not show the new row: read again
            self.draft = None
            self.refresh()
        self.message.emit("", False)
        return True

    def add_row(self) -> int:
        """Start a new row at the end: added at once if complete, else a draft."""
        case = self.session.case
        if case is None or not self.session.editable or self.rows_of(case) is None:
            return -1
        if self.draft is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self.draft = self.new_item(case)
            self._draft_code = case.code
            self.endInsertRows()
            self.try_commit_draft()
        return self.rowCount() - 1

    def remove_row(self, row: int) -> str | None:
        if self.is_draft(row):
            self.beginRemoveRows(QModelIndex(), row, row)
            self.draft = None
            self.endRemoveRows()
            self.message.emit("", False)
            return None

        def drop(case: Case) -> None:
            del self.rows_of(case)[row]

        return self.session.edit(translate("Tables", "Remove %1").replace("%1", self.noun()), drop)

    def move_row(self, row: int, delta: int) -> str | None:
        target = row + delta
        if self.is_draft(row) or not 0 <= target < len(self._rows):
            return None

        def swap(case: Case) -> None:
            rows = self.rows_of(case)
            rows[row], rows[target] = rows[target], rows[row]

        return self.session.edit(translate("Tables", "Move %1").replace("%1", self.noun()), swap)
