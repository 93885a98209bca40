"""The course of a case in tables: therapies, events, measurements (under the timeline)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.core import vocab
from desktop.core.model import Event, Measurement, Text, Therapy
from desktop.gui.case.columns import Column, vocab_column_choices
from desktop.gui.case.table_model import ListTableModel
from desktop.gui.case.tables import ListEditor
from desktop.gui.common.i18n import heading
from desktop.gui.common.session import CaseSession


def result_choices(lang: str) -> list[tuple[str | None, str]]:
    return [(None, "")] + [(r, vocab.field(r, lang)) for r in vocab.RESULTS]


def response_choices(lang: str) -> list[tuple[str | None, str]]:
    return [(None, "")] + [(code, f"{code} — {text.get(lang) or code}")
                           for code, text in vocab.RESPONSES.items()]


class CourseEditor(QWidget):
    LISTS = ("therapies", "events", "measurements")

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("courseEditor")
        s = session
        self.therapies = ListEditor(s, "therapyTable", ListTableModel(
            s, lambda case: case.therapies,
            lambda case: Therapy(Text(), None),  # type: ignore[arg-type]
            [Column("name", "ltext", width=24),
             Column("category", "choice", width=16,
                    choices=vocab_column_choices(vocab.THERAPY_CATEGORIES, blank=True)),
             Column("start", "date", width=15), Column("end", "date", width=13),
             Column("ongoing", "bool", width=10),
             Column("cycles", "int", width=7),
             Column("response", "choice", width=9, choices=response_choices, free=True,
                    show_code=True),
             Column("note", "ltext", stretch=True)],
            lambda: self.tr("therapy")), "therapies")
        self.events = ListEditor(s, "eventTable", ListTableModel(
            s, lambda case: case.events,
            lambda case: Event(None, None),  # type: ignore[arg-type]
            [Column("date", "date", width=15, required=True),
             Column("type", "choice", width=14,
                    choices=vocab_column_choices(vocab.EVENT_TYPES, blank=True)),
             Column("label", "ltext", stretch=True),
             Column("site", "choice", width=16, free=True,
                    choices=vocab_column_choices(vocab.SITES, blank=True))],
            lambda: self.tr("event")), "events")
        self.measurements = ListEditor(s, "measurementTable", ListTableModel(
            s, lambda case: case.measurements,
            lambda case: Measurement(None, None),  # type: ignore[arg-type]
            [Column("date", "date", width=15, required=True),
             Column("kind", "choice", width=20, free=True,
                    choices=vocab_column_choices(vocab.MEASUREMENT_KINDS, blank=True)),
             Column("value", "float", width=8), Column("unit", "text", width=6),
             Column("result", "choice", width=12, choices=result_choices),
             Column("note", "ltext", stretch=True)],
            lambda: self.tr("measurement")), "measurements")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("courseTabs")
        for editor in (self.therapies, self.events, self.measurements):
            self.tabs.addTab(editor, "")
            editor.layout().setContentsMargins(6, 6, 6, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        session.itemFocusRequested.connect(self._focus)
        self.retranslate()

    def retranslate(self) -> None:
        self._tab_titles()

    def _tab_titles(self) -> None:
        """Each list's name with how many rows it has (kept on a change of language)."""
        case = self.session.display_case
        for i, name in enumerate(self.LISTS):
            n = len(getattr(case, name)) if case else 0
            self.tabs.setTabText(i, f"{heading(name, self.session.ui_lang)} ({n})")

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _focus(self, list_name: str, _index: int) -> None:
        if list_name in self.LISTS:
            self.tabs.setCurrentIndex(self.LISTS.index(list_name))

    def refresh(self) -> None:
        for editor in (self.therapies, self.events, self.measurements):
            editor.refresh()
        self._tab_titles()
