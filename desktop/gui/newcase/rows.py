"""Lines of therapy and PET studies on the new-case page: a few rows of inputs under
their headings, an Add button for one more; a row left empty is not part of the case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from desktop.core import casefile, vocab
from desktop.core.model import PetStudy, Text, Therapy
from desktop.gui.common.i18n import heading, translate
from desktop.gui.newcase.inputs import Choice, Entry, read


@dataclass(frozen=True)
class Cell:
    key: str  # field name: the heading and the object name
    kind: str  # text, int, float, date, or choice
    choices: Callable[[str], list[tuple[Any, str]]] | None = None
    free: bool = False
    stretch: int = 0


def _coded(table: dict[str, Text], lang: str, show_code: bool = False
           ) -> list[tuple[Any, str]]:
    return [(None, "")] + [(c, f"{c} — {t.get(lang) or c}" if show_code else t.get(lang) or c)
                           for c, t in table.items()]


def categories(lang: str) -> list[tuple[Any, str]]:
    return _coded(vocab.THERAPY_CATEGORIES, lang)


def responses(lang: str) -> list[tuple[Any, str]]:
    return _coded(vocab.RESPONSES, lang, show_code=True)


def visual(lang: str) -> list[tuple[Any, str]]:
    return [(None, "")] + [(c, f"{c} — {vocab.label(vocab.RESPONSES, c, lang)}")
                           for c in casefile.VISUAL_RESPONSES]


def deauville(lang: str) -> list[tuple[Any, str]]:
    return [(None, "")] + [(c, c) for c in casefile.DEAUVILLE]


THERAPY_CELLS = (Cell("name", "text", stretch=3),
                 Cell("category", "choice", categories, stretch=2),
                 Cell("start", "date", stretch=1), Cell("end", "date", stretch=1),
                 Cell("cycles", "int"), Cell("response", "choice", responses, free=True,
                                             stretch=1))
STUDY_CELLS = (Cell("date", "date", stretch=1), Cell("label", "text", stretch=3),
               Cell("liver_suv_max", "float", stretch=1),
               Cell("mediastinum_suv_max", "float", stretch=1),
               Cell("deauville", "choice", deauville),
               Cell("visual_response", "choice", visual, stretch=1))


class LineRows(QWidget):
    """Rows of ``cells``; ``items()`` reads them as therapies or studies."""

    changed = Signal()

    def __init__(self, name: str, cells: tuple[Cell, ...], rows: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.name, self.cells, self.lang = name, cells, "en"
        self.rows: list[dict[str, Entry | Choice]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.headings = [QLabel(self) for _ in cells]
        for i, (label, cell) in enumerate(zip(self.headings, cells, strict=True)):
            self.grid.addWidget(label, 0, i)
            self.grid.setColumnStretch(i, cell.stretch)
        self.add_button = QPushButton(self, objectName=f"{name}_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_and_focus)
        for _ in range(rows):
            self.add_row()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        for label, cell in zip(self.headings, self.cells, strict=True):
            label.setText(heading(cell.key, lang))
        self.add_button.setText(translate("NewCase", "Add a row"))
        for row in self.rows:
            for w in row.values():
                if isinstance(w, Choice):
                    w.fill(lang)
                else:
                    w.lang = lang
                    if w.kind == "date":
                        w.setPlaceholderText(translate("Fields", "e.g. 2014-03 or 09.08.2018"))

    def add_row(self) -> dict[str, Entry | Choice]:
        r = len(self.rows)
        row: dict[str, Entry | Choice] = {}
        self.grid.removeWidget(self.add_button)
        for i, cell in enumerate(self.cells):
            name = f"{self.name}_{r}_{cell.key}"
            if cell.kind == "choice":
                w: Entry | Choice = Choice(name, cell.choices, cell.free, self)
                w.setSizeAdjustPolicy(
                    Choice.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                w.setMinimumContentsLength(4 if cell.stretch == 0 else 8)
                w.fill(self.lang)
                w.currentIndexChanged.connect(lambda _i: self.changed.emit())
                w.editTextChanged.connect(lambda _t: self.changed.emit())
            else:
                w = Entry(name, cell.kind, self)
                w.lang = self.lang
                chars = {"date": 11, "int": 4, "float": 6}.get(cell.kind, 12)
                w.setMinimumWidth(w.fontMetrics().horizontalAdvance("0" * chars) + 12)
                w.textChanged.connect(lambda _t: self.changed.emit())
            self.grid.addWidget(w, r + 1, i)
            row[cell.key] = w
        self.grid.addWidget(self.add_button, r + 2, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows.append(row)
        self.retranslate(self.lang)
        return row

    def add_and_focus(self) -> None:
        row = self.add_row()
        first = row[self.cells[0].key]
        first.setFocus(Qt.FocusReason.TabFocusReason)
        self.changed.emit()

    def values(self, problems: list[str]) -> list[dict[str, Any]]:
        """The rows that hold anything, each as ``{key: value}``."""
        out = []
        for row in self.rows:
            if all(w.blank() for w in row.values()):
                for w in row.values():
                    w.mark(False)
                continue
            out.append({k: read(w, problems, heading(k, self.lang)) for k, w in row.items()})
        return out


def therapies(rows: LineRows, problems: list[str], lang: str) -> list[Therapy]:
    """Lines of therapy; the name goes in the language it was typed in (``lang``)."""
    return [Therapy(Text(**{lang: v["name"]}), v["category"], start=v["start"], end=v["end"],
                    cycles=v["cycles"], response=v["response"])
            for v in rows.values(problems)]


def studies(rows: LineRows, problems: list[str], lang: str) -> list[PetStudy]:
    return [PetStudy(v["date"], Text(**{lang: v["label"]}), liver_suv_max=v["liver_suv_max"],
                     mediastinum_suv_max=v["mediastinum_suv_max"], deauville=v["deauville"],
                     visual_response=v["visual_response"])
            for v in rows.values(problems)]
