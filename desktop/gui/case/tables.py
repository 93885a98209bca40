"""Lists of the case (therapies, events, measurements, PET studies and lesions, findings,
references) edited in tables: a ``QTableView`` over ``ListTableModel`` with editors for
its cells, and buttons to add, remove and move rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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

from desktop.gui.case.columns import bool3_choices
from desktop.gui.case.fields import ERROR_COLOUR, HINT_COLOUR
from desktop.gui.case.table_model import ListTableModel
from desktop.gui.common.i18n import translate
from desktop.gui.common.session import CaseSession


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
            widest = max((combo.fontMetrics().horizontalAdvance(t) for _, t in choices),
                         default=0)
            combo.view().setMinimumWidth(widest + 48)  # the list shows whole labels
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
        model.modelAboutToBeReset.connect(self._note_focus)
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

    def _note_focus(self) -> None:
        focus = QApplication.focusWidget()
        self._had_focus = focus is not None and (focus is self.view
                                                 or self.view.isAncestorOf(focus))

    def _after_reset(self) -> None:
        """A reset closes the cell editor; the keyboard stays in the table (else Qt
        hands it to the next widget of the window — the library's search box)."""
        self._update_buttons()
        self._fit_rows()
        if getattr(self, "_had_focus", False):
            self._had_focus = False
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_rows(self) -> None:
        """Rows as tall as their text (a karyotype, a note), up to six lines; the rest
        is in the tooltip. A table on a hidden tab is fitted when it is shown."""
        if not self.view.isVisible():
            self._unfitted = True
            return
        self._unfitted = False
        self.view.resizeRowsToContents()
        line = self.view.fontMetrics().lineSpacing()
        cap = 6 * line + 10
        vh = self.view.verticalHeader()
        for r in range(self.model.rowCount()):
            if vh.sectionSize(r) > cap:
                vh.resizeSection(r, cap)

    _unfitted = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._unfitted:
            self._fit_rows()

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
        """A new row, its first empty cell open for typing (a lesion's ID is filled in
        already: its site is opened)."""
        row = self.model.add_row()
        if row < 0:
            return
        index = self.model.index(row, self._first_to_type(row))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)

    def _first_to_type(self, row: int) -> int:
        item = self.model.item(row)
        typed = [i for i, c in enumerate(self.model.columns)
                 if c.kind not in ("bool", "image")]
        return next((i for i in typed if not self.model.columns[i].get(item)),
                    typed[0] if typed else 0)

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
