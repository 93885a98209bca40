"""Form fields bound to one value of the case, checked as you type, saved when accepted.

A ``Binding`` says where a value lives in a ``Case`` and what kind it is; a
``FieldEditor`` puts it on screen as an input and a hint line below it:

* while typing, the hint says what was understood (``→ 9 Aug 2018``) or, in red, why
  the text cannot be accepted — the rules of the case-file format are checked on the
  whole case, so a weight of 4000 kg is refused here exactly as in a file;
* Enter, leaving the field or a pause in a long text accepts it: one ``session.submit``,
  one undo step; refused text stays in the field, red, and nothing is written;
* Escape puts back the saved value.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from desktop.core import vocab
from desktop.core.model import Case, Text
from desktop.gui.common import values
from desktop.gui.common.i18n import field_label, translate
from desktop.gui.common.session import CaseSession
from desktop.gui.common.values import FieldError

ERROR_COLOUR = "#b00020"
HINT_COLOUR = "#2e6b30"


# --- where a value lives -------------------------------------------------------------

@dataclass(frozen=True)
class Binding:
    """One value of a case. ``kind``: text, short (wrapping one-liner), long (multi-line),
    date, int, float, choice, tags, consent."""

    key: str  # object name suffix: field_<key>
    label: str  # field name for ``field_label``
    get: Callable[[Case], Any]
    set: Callable[[Case, Any], None]
    kind: str = "text"
    unit: str | None = None
    choices: Callable[[str], list[tuple[str | None, str]]] | None = None
    identifying: bool = False
    lang: str | None = None  # the language half of a bilingual text, if it is one


def _walk(case: Case, path: list[str]) -> Any:
    obj: Any = case
    for name in path:
        obj = getattr(obj, name)
    return obj


def attr(key: str, path: str, label: str, kind: str = "text", **kw: Any) -> Binding:
    """A plain attribute at a dotted path: ``patient.weight_kg``."""
    parts = path.split(".")

    def set_(case: Case, value: Any) -> None:
        setattr(_walk(case, parts[:-1]), parts[-1], value)

    return Binding(key, label, lambda case: _walk(case, parts), set_, kind, **kw)


def text_half(key: str, path: str, lang: str, label: str, kind: str = "short",
              **kw: Any) -> Binding:
    """One language of a bilingual ``Text`` at a dotted path: ``title`` / ``en``."""
    parts = path.split(".")

    def get(case: Case) -> str | None:
        return _walk(case, parts).get(lang)

    def set_(case: Case, value: str | None) -> None:
        owner = _walk(case, parts[:-1])
        setattr(owner, parts[-1], replace(getattr(owner, parts[-1]), **{lang: value}))

    return Binding(key, label, get, set_, kind, lang=lang, **kw)


def section_half(name: str, lang: str) -> Binding:
    """One language of a narrative section; an emptied section leaves the case."""

    def get(case: Case) -> str | None:
        return case.sections.get(name, Text()).get(lang)

    def set_(case: Case, value: str | None) -> None:
        text = replace(case.sections.get(name, Text()), **{lang: value})
        merged = {**case.sections, name: text}
        order = list(vocab.SECTIONS) + [k for k in merged if k not in vocab.SECTIONS]
        case.sections = {k: merged[k] for k in order if merged.get(k)}

    return Binding(f"section_{name}_{lang}", name, get, set_, "long", lang=lang)


def vocab_choices(table: dict[str, Text], *, blank: bool = True
                  ) -> Callable[[str], list[tuple[str | None, str]]]:
    def choices(lang: str) -> list[tuple[str | None, str]]:
        items: list[tuple[str | None, str]] = [(None, "")] if blank else []
        return items + [(code, text.get(lang) or code) for code, text in table.items()]

    return choices


def consent_choices(lang: str) -> list[tuple[Any, str]]:
    return [(None, vocab.field("not_reported", lang)), (True, vocab.field("consent_yes", lang)),
            (False, vocab.field("consent_no", lang))]


# --- inputs ----------------------------------------------------------------------------

def _passes_history_keys_up(widget: QWidget, event: QEvent, can_undo: bool,
                            can_redo: bool) -> bool:
    """Ctrl+Z / Ctrl+Shift+Z go to the window's undo stack unless the field has typing
    of its own to undo (then it undoes that, as every text field does)."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    if event.matches(QKeySequence.StandardKey.Undo) and not can_undo:
        event.ignore()
        return True
    if event.matches(QKeySequence.StandardKey.Redo) and not can_redo:
        event.ignore()
        return True
    return False


class LineInput(QLineEdit):
    commitRequested = Signal()
    revertRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editingFinished.connect(self.commitRequested)

    def event(self, e: QEvent) -> bool:
        if _passes_history_keys_up(self, e, self.isUndoAvailable(), self.isRedoAvailable()):
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.revertRequested.emit()
            return
        super().keyPressEvent(e)

    def value_text(self) -> str:
        return self.text()

    def show_text(self, text: str) -> None:
        if text == self.text():
            pos = self.cursorPosition()
            self.setText(text)  # also forgets the field's own typing history
            self.setCursorPosition(pos)
        else:
            self.setText(text)
            self.setCursorPosition(0)


class TextInput(QPlainTextEdit):
    """Wrapping text that grows with its content (``max_lines``). ``single_line``: Enter
    accepts (a title); otherwise Enter is a new line and Ctrl+Enter accepts."""

    commitRequested = Signal()
    revertRequested = Signal()
    edited = Signal()

    IDLE_MS = 1200

    def __init__(self, single_line: bool, min_lines: int = 1, max_lines: int = 4,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.single_line = single_line
        self.min_lines, self.max_lines = min_lines, max_lines
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._loading = False
        self._idle = QTimer(self, singleShot=True, interval=self.IDLE_MS)
        self._idle.timeout.connect(self.commitRequested)
        self.textChanged.connect(self._changed)
        self._fit()

    def _changed(self) -> None:
        self._fit()
        if not self._loading:
            self.edited.emit()
            if not self.single_line:
                self._idle.start()

    def _fit(self) -> None:
        lines = max(self.min_lines, min(self.max_lines, self._visual_lines()))
        height = lines * self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        self.setFixedHeight(int(height + frame + 2 * self.document().documentMargin()))

    def _visual_lines(self) -> int:
        doc = self.document()
        layout_lines = 0
        block = doc.begin()
        while block.isValid():
            layout_lines += max(1, block.layout().lineCount())
            block = block.next()
        return layout_lines

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._fit()

    def event(self, e: QEvent) -> bool:
        doc = self.document()
        if _passes_history_keys_up(self, e, doc.isUndoAvailable(), doc.isRedoAvailable()):
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.revertRequested.emit()
            return
        enter = e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and (self.single_line or e.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._idle.stop()
            self.commitRequested.emit()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        self._idle.stop()
        self.commitRequested.emit()

    def value_text(self) -> str:
        text = self.toPlainText()
        return " ".join(text.split()) if self.single_line else text

    def show_text(self, text: str) -> None:
        self._loading = True
        try:
            if text == self.toPlainText():
                self.document().clearUndoRedoStacks()
            else:
                self.setPlainText(text)
        finally:
            self._loading = False
        self._fit()


class ChoiceInput(QComboBox):
    commitRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activated.connect(lambda _i: self.commitRequested.emit())
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def set_choices(self, choices: list[tuple[Any, str]], current: Any) -> None:
        self.blockSignals(True)
        self.clear()
        for value, text in choices:
            self.addItem(text, value)
        found = next((i for i, (v, _) in enumerate(choices) if v == current), -1)
        if found < 0 and current is not None:  # a code the vocabulary does not know
            self.addItem(str(current), current)
            found = self.count() - 1
        self.setCurrentIndex(max(found, 0))
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData()


# --- a field: input + hint, bound to the session ---------------------------------------

class FieldEditor(QObject):
    """Puts one ``Binding`` on screen and keeps it in step with the session."""

    def __init__(self, session: CaseSession, binding: Binding, parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self.b = session, binding
        kind = binding.kind
        if kind in ("choice", "consent"):
            self.input: QWidget = ChoiceInput(parent)
        elif kind == "short":
            self.input = TextInput(single_line=True, min_lines=1, max_lines=3, parent=parent)
        elif kind == "long":
            self.input = TextInput(single_line=False, min_lines=3, max_lines=14, parent=parent)
        else:
            self.input = LineInput(parent)
        self.input.setObjectName(f"field_{binding.key}")
        self.hint = QLabel(parent)
        self.hint.setObjectName(f"hint_{binding.key}")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.label = QLabel(parent)  # placed by the form
        self.label.setBuddy(self.input)
        self._error: str | None = None
        self.input.commitRequested.connect(self.commit)
        if hasattr(self.input, "revertRequested"):
            self.input.revertRequested.connect(self.load)
        if isinstance(self.input, QLineEdit):
            self.input.textEdited.connect(self.preview)
        elif isinstance(self.input, TextInput):
            self.input.edited.connect(self.preview)
        self.retranslate()

    # --- labels --------------------------------------------------------------------
    def retranslate(self) -> None:
        name = field_label(self.b.label, self.session.ui_lang)
        self.label.setText(name[:1].upper() + name[1:])
        if isinstance(self.input, (LineInput, TextInput)):
            self.input.setPlaceholderText(self._placeholder())
        if isinstance(self.input, LineInput) and self.b.unit:
            self.input.setToolTip(self._unit_text())

    def _unit_text(self) -> str:
        unit = self.b.unit or ""
        return field_label(unit, self.session.ui_lang) if unit in ("kg", "cm", "years") else unit

    def _placeholder(self) -> str:
        if self.b.kind == "date":
            return translate("Fields", "e.g. 2014-03 or 09.08.2018")
        if self.b.kind == "tags":
            return translate("Fields", "comma-separated, e.g. B-ALL, extramedullary")
        if self.b.lang is not None:
            return (translate("Fields", "in Russian") if self.b.lang == "ru"
                    else translate("Fields", "in English"))
        if self.b.unit:
            return self._unit_text()
        return vocab.field("not_reported", self.session.ui_lang)

    # --- showing ---------------------------------------------------------------------
    def shown_text(self, case: Case) -> str:
        value = self.b.get(case)
        kind, lang = self.b.kind, self.session.text_lang
        if kind == "date":
            return self.session.date_text(value) if self.session.anonymized \
                else values.format_date(value, lang)
        if kind in ("int", "float"):
            text = values.format_number(value, lang)
            return f"{text} {self._unit_text()}" if text and self.b.unit else text
        if kind == "tags":
            return ", ".join(value)
        return value or ""

    def load(self) -> None:
        """Show the saved value (anonymized: the de-identified one), read-only if so."""
        case = self.session.display_case
        editable = self.session.editable
        self._set_error(None)
        if isinstance(self.input, ChoiceInput):
            lang = self.session.ui_lang
            choices = (self.b.choices(lang) if self.b.choices else consent_choices(lang))
            self.input.set_choices(choices, self.b.get(case) if case else None)
            self.input.setEnabled(editable)
        else:
            self.input.show_text(self.shown_text(case) if case else "")
            self.input.setReadOnly(not editable)
        self.input.setToolTip(self._other_language(case))

    def _other_language(self, case: Case | None) -> str:
        if case is None or self.b.lang is None:
            return ""
        other = "ru" if self.b.lang == "en" else "en"
        key = self.b.key[: -len(self.b.lang)] + other
        return f"{other.upper()}: {self._peer_value(case, key) or '—'}"

    def _peer_value(self, case: Case, key: str) -> str | None:
        peer = getattr(self.parent(), "editors", {}).get(key)
        return peer.b.get(case) if peer is not None else None

    def set_visible(self, visible: bool) -> None:
        for w in (self.label, self.input):
            w.setVisible(visible)
        self.hint.setVisible(visible and bool(self.hint.text()))

    # --- checking and accepting -------------------------------------------------------
    def parse(self) -> Any:
        kind, text = self.b.kind, self.input.value_text() if not isinstance(
            self.input, ChoiceInput) else ""
        if isinstance(self.input, ChoiceInput):
            return self.input.value()
        if kind == "date":
            return values.parse_date(text, lang=self.session.ui_lang)
        if kind in ("int", "float"):
            return values.parse_number(text, integer=kind == "int", unit=self.b.unit)
        if kind == "tags":
            return values.parse_tags(text)
        if kind == "long":
            return values.parse_multiline(text)
        return values.parse_text(text)

    def candidate(self) -> tuple[Case | None, str | None]:
        """The case with this field's text in it, or why the text is refused."""
        case = self.session.case
        if case is None:
            return None, None
        try:
            value = self.parse()
        except FieldError as e:
            return None, str(e)
        if value == self.b.get(case):
            return case, None
        after = copy.deepcopy(case)
        self.b.set(after, value)
        return after, self.session.check(after)

    def preview(self) -> None:
        """As you type: what was understood, or why not."""
        if not self.session.editable:
            return
        after, problem = self.candidate()
        if problem:
            self._set_error(problem)
        elif self.b.kind == "date" and after is not None:
            value = self.b.get(after)
            self._set_hint("→ " + (values.format_date(value, self.session.text_lang)
                                   if value else vocab.field("not_reported",
                                                             self.session.ui_lang)))
        else:
            self._set_error(None)

    def commit(self) -> bool:
        """Accept the field: save it (one undo step) or show why not. True if saved or
        unchanged."""
        if not self.session.editable:
            return False
        after, problem = self.candidate()
        if problem or after is None:
            self._set_error(problem or None)
            return False
        if after is self.session.case:
            self._set_error(None)
            return True
        name = field_label(self.b.label, self.session.ui_lang)
        merge = f"{self.session.case.code}:{self.b.key}" if self.b.kind == "long" else None
        problem = self.session.submit(after, translate("Fields", "Edit %1").replace("%1", name),
                                      merge)
        if problem:
            self._set_error(problem)
            return False
        self._set_error(None)
        return True

    def _set_error(self, message: str | None) -> None:
        self._error = message
        if message:
            self.hint.setText(message)
            self.hint.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.input.setStyleSheet(self._error_style())
            self.hint.setVisible(self.input.isVisibleTo(self.input.parentWidget()))
        else:
            self.hint.setText("")
            self.hint.hide()
            self.input.setStyleSheet("")

    def _set_hint(self, text: str) -> None:
        self._error = None
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
        self.input.setStyleSheet("")
        self.hint.setVisible(self.input.isVisibleTo(self.input.parentWidget()))

    def _error_style(self) -> str:
        name = type(self.input).__bases__[0].__name__
        return f"{name} {{ border: 1px solid {ERROR_COLOUR}; }}"

    @property
    def error(self) -> str | None:
        return self._error
