"""The inputs of the new-case page: each one reads its text as a value of its field or
says why not (``FieldError``), and shows that it was refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.gui.common import values
from desktop.gui.common.values import FieldError

ERROR_STYLE = "border: 1px solid #b00020;"
Choices = Callable[[str], list[tuple[Any, str]]]


class Entry(QLineEdit):
    """A one-line input of a kind: text, int, float, date, tags."""

    def __init__(self, name: str, kind: str = "text", parent: QWidget | None = None,
                 unit: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.kind, self.unit = kind, unit
        self.lang = "en"

    def value(self) -> Any:
        text = self.text()
        if self.kind == "date":
            return values.parse_date(text, lang=self.lang)
        if self.kind in ("int", "float"):
            return values.parse_number(text, integer=self.kind == "int", unit=self.unit)
        if self.kind == "tags":
            return values.parse_tags(text)
        return values.parse_text(text)

    def blank(self) -> bool:
        return not self.text().strip()

    def mark(self, bad: bool) -> None:
        self.setStyleSheet(f"QLineEdit {{ {ERROR_STYLE} }}" if bad else "")


class Choice(QComboBox):
    """A coded value from a list; ``free``: typed text is taken as written too."""

    def __init__(self, name: str, choices: Choices, free: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.choices = choices
        self.setEditable(free)
        if free:
            self.lineEdit().setObjectName(f"{name}_text")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def fill(self, lang: str) -> None:
        """The labels in ``lang``; the chosen value is kept."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        for code, text in self.choices(lang):
            self.addItem(text, code)
        i = self.findData(current)
        if i >= 0:
            self.setCurrentIndex(i)
        elif current is not None and self.isEditable():
            self.setEditText(str(current))
        else:
            self.setCurrentIndex(0)
        self.blockSignals(False)
        widest = max((self.fontMetrics().horizontalAdvance(self.itemText(i))
                      for i in range(self.count())), default=0)
        self.view().setMinimumWidth(widest + 48)

    def value(self) -> Any:
        if self.isEditable():
            typed = self.currentText().strip()
            i = self.findText(typed)
            if i >= 0:
                return self.itemData(i)
            return typed.split(" — ")[0] or None
        return self.currentData()

    def blank(self) -> bool:
        return self.value() in (None, "")

    def mark(self, bad: bool) -> None:
        self.setStyleSheet(f"QComboBox {{ {ERROR_STYLE} }}" if bad else "")


def read(widget: Entry | Choice, problems: list[str], name: str) -> Any:
    """The widget's value; a refusal is marked on it and added to ``problems``."""
    try:
        value = widget.value()
    except FieldError as e:
        widget.mark(True)
        problems.append(f"{name}: {e}")
        return None
    widget.mark(False)
    return value
