"""Lists of the case (therapies, events, measurements, PET studies and lesions, findings,
references) edited in tables: a ``QTableView`` over ``ListTableModel``.

Every accepted cell, added, removed or moved row is one ``session.submit`` — one
transaction and one undo step. A new row that is not yet complete (an event without a
date) stays a *draft*: shown in italics, never written, until the case-file rules
accept it; then it is added in one step.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import vocab
from desktop.core.model import Case, Text
from desktop.gui import values
from desktop.gui.fields import ERROR_COLOUR, HINT_COLOUR
from desktop.gui.i18n import heading, translate
from desktop.gui.session import CaseSession
from desktop.gui.values import FieldError

MISSING_COLOUR = QColor("#8a8a8a")



@dataclass(frozen=True)
class Column:
    """One column: ``key`` is the attribute of the row item (``""``: the item itself).

    kinds: text, ltext (a bilingual ``Text``, shown and edited in the case-text
    language), date, int, float, choice, bool, bool3 (yes / no / not reported).
    """

    key: str
    kind: str = "text"
    label: str | None = None  # field name for the heading (default: ``key``)
    choices: Callable[[str], list[tuple[Any, str]]] | None = None
    free: bool = False  # a choice column that also takes typed text
    required: bool = False
    width: int = 12  # in average characters
    unit: str | None = None
    stretch: bool = False
    show_code: bool = False  # a choice shown by its code (CR, CMR), the label as a tooltip

    def get(self, item: Any) -> Any:
        return item if not self.key else getattr(item, self.key)

    def with_value(self, item: Any, value: Any, lang: str) -> Any:
        if self.kind == "ltext":
            value = replace(self.get(item) or Text(), **{lang: value})
        return value if not self.key else replace(item, **{self.key: value})


def vocab_column_choices(table: dict[str, Text], blank: bool = False
                         ) -> Callable[[str], list[tuple[Any, str]]]:
    def choices(lang: str) -> list[tuple[Any, str]]:
        items: list[tuple[Any, str]] = [(None, "")] if blank else []
        return items + [(code, text.get(lang) or code) for code, text in table.items()]

    return choices


def bool3_choices(lang: str) -> list[tuple[Any, str]]:
    return [(None, vocab.field("not_reported", lang)), (True, heading("yes", lang)),
            (False, heading("no", lang))]


def wrap_heading(text: str, width: int) -> str:
    """A long column heading over two lines, broken at the space nearest the middle."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    at = min(spaces, key=lambda i: abs(i - middle))
    return text[:at] + "\n" + text[at + 1:]


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

    # --- reading --------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the rows again; a change in number resets, otherwise cells update in place
        (safe while a cell editor is closing)."""
        case = self.session.display_case
        code = self.session.case.code if self.session.case else None
        if code != self._draft_code:
            self.draft = None
        rows = list(self.rows_of(case) or []) if case is not None else []
        if len(rows) + (self.draft is not None) == self.rowCount() and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(self.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
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
        draft = self.draft
        self.draft = None
        problem = self.session.submit(
            after, translate("Tables", "Add %1").replace("%1", self.noun()))
        if problem:
            self.draft = draft
            self.message.emit(problem, True)
            return False
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


class CellDelegate(QStyledItemDelegate):
    """Combo boxes for codes, line edits that say what they understood as you type."""

    def __init__(self, model: ListTableModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        col = self.model.columns[index.column()]
        if col.kind in ("choice", "bool3"):
            combo = QComboBox(parent)
            combo.setEditable(col.free)
            choices = (col.choices(self.model.session.ui_lang) if col.choices
                       else bool3_choices(self.model.session.ui_lang))
            for value, text in choices:
                combo.addItem(text, value)
            combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
            return combo
        editor = QLineEdit(parent)
        row, column = index.row(), index.column()
        editor.textEdited.connect(lambda text: self.model.preview(row, column, text))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            i = editor.findData(value)
            if i < 0 and value is not None:
                editor.addItem(str(value), value)
                i = editor.count() - 1
            editor.setCurrentIndex(max(i, 0))
        else:
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            typed = editor.currentText().strip()
            if editor.isEditable() and typed != editor.itemText(editor.currentIndex()):
                value = typed or None
            if value == index.data(Qt.ItemDataRole.EditRole):
                return
            model.setData(index, value)
        else:
            if editor.text() == (index.data(Qt.ItemDataRole.EditRole) or ""):
                return
            model.setData(index, editor.text())


class ListEditor(QWidget):
    """A table with Add / Remove / Up / Down, and a hint line for what was refused."""

    def __init__(self, session: CaseSession, object_name: str, model: ListTableModel,
                 list_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.model, self.list_name = session, model, list_name
        self.view = QTableView(self)
        self.view.setObjectName(object_name)
        self.view.setModel(model)
        self.view.setItemDelegate(CellDelegate(model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight
                                                       | Qt.AlignmentFlag.AlignTop)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._size_columns()

        style = self.style()
        SP = QStyle.StandardPixmap
        self.add_button = QPushButton(style.standardIcon(SP.SP_FileDialogNewFolder), "", self)
        self.remove_button = QPushButton(style.standardIcon(SP.SP_TrashIcon), "", self)
        self.up_button = QPushButton(style.standardIcon(SP.SP_ArrowUp), "", self)
        self.down_button = QPushButton(style.standardIcon(SP.SP_ArrowDown), "", self)
        for button, name in ((self.add_button, "add"), (self.remove_button, "remove"),
                             (self.up_button, "up"), (self.down_button, "down")):
            button.setObjectName(f"{object_name}_{name}")
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        for keys, slot in ((QKeySequence(Qt.Key.Key_Insert), self.add),
                           (QKeySequence(Qt.Key.Key_Delete), self.remove),
                           (QKeySequence("Ctrl+Up"), lambda: self.move(-1)),
                           (QKeySequence("Ctrl+Down"), lambda: self.move(1))):
            shortcut = QShortcut(keys, self.view, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName(f"{object_name}_hint")
        self.hint.hide()
        model.message.connect(self.show_message)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.caption = QLabel(self)
        self.caption.setObjectName(f"{object_name}_caption")
        self.caption.setStyleSheet("color: #555;")
        buttons.addWidget(self.caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(lambda *_: self._after_reset())
        model.rowsRemoved.connect(lambda *_: self._after_reset())
        model.dataChanged.connect(lambda *_: self._fit_rows())
        session.itemFocusRequested.connect(self._focus_requested)
        self.retranslate()

    def _size_columns(self) -> None:
        """Each column wide enough for its usual content and for its heading."""
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        bold = header.fontMetrics()
        lang = self.session.ui_lang
        for i, col in enumerate(self.model.columns):
            title = self.model.headerData(i, Qt.Orientation.Horizontal) or ""
            width = max(max(6, col.width) * char + 16,
                        max(bold.horizontalAdvance(line) for line in title.split("\n")) + 20)
            if col.choices is not None and not col.show_code:
                labels = [text for _, text in col.choices(lang)]
                width = max(width, min(28 * char, max(map(self.view.fontMetrics()
                                                          .horizontalAdvance, labels)) + 16))
            if col.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                header.resizeSection(i, width)
        if not any(c.stretch for c in self.model.columns):
            header.setStretchLastSection(True)

    def retranslate(self) -> None:
        noun = self.model.noun()
        self.add_button.setText(translate("Tables", "Add"))
        self.add_button.setToolTip(translate("Tables", "Add %1 (Insert)").replace("%1", noun))
        self.remove_button.setText(translate("Tables", "Remove"))
        self.remove_button.setToolTip(
            translate("Tables", "Remove the selected %1 (Delete)").replace("%1", noun))
        self.up_button.setToolTip(translate("Tables", "Move up (Ctrl+Up)"))
        self.down_button.setToolTip(translate("Tables", "Move down (Ctrl+Down)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          len(self.model.columns) - 1)
        self._size_columns()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def refresh(self) -> None:
        current = self.view.currentIndex()
        self.model.refresh()
        if current.isValid() and current.row() < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._update_buttons()
        self._fit_rows()

    def _after_reset(self) -> None:
        self._update_buttons()
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows as tall as their text, up to four lines; the rest is in the tooltip."""
        self.view.resizeRowsToContents()
        line = self.view.fontMetrics().lineSpacing()
        cap = 4 * line + 10
        vh = self.view.verticalHeader()
        for r in range(self.model.rowCount()):
            if vh.sectionSize(r) > cap:
                vh.resizeSection(r, cap)

    def _update_buttons(self) -> None:
        editable = self.session.editable and self.model.rows_of(self.session.case) is not None \
            if self.session.case is not None else False
        row = self.view.currentIndex().row()
        has = 0 <= row < self.model.rowCount()
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and has)
        self.up_button.setEnabled(editable and has and row > 0 and not self.model.is_draft(row))
        self.down_button.setEnabled(editable and has and row < self.model.rowCount() - 1
                                    and not self.model.is_draft(row + 1))

    def show_message(self, text: str, is_error: bool) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {ERROR_COLOUR if is_error else HINT_COLOUR};")
        self.hint.setVisible(bool(text))

    def add(self) -> None:
        row = self.model.add_row()
        if row < 0:
            return
        first = next((i for i, c in enumerate(self.model.columns) if c.kind != "bool"), 0)
        index = self.model.index(row, first)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if self.model.is_draft(row):
            self.view.setFocus()
            self.view.edit(index)

    def remove(self) -> None:
        row = self.view.currentIndex().row()
        if row < 0:
            return
        problem = self.model.remove_row(row)
        if problem:
            self.show_message(problem, True)
        elif self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def move(self, delta: int) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        problem = self.model.move_row(index.row(), delta)
        if problem:
            self.show_message(problem, True)
        elif problem is None:
            target = index.row() + delta
            if 0 <= target < self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(target, index.column()))

    def _focus_requested(self, list_name: str, index: int) -> None:
        if list_name == self.list_name and 0 <= index < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(index, 0))
            self.view.scrollTo(self.model.index(index, 0))
