"""What both export dialogs share: their options, the file names and folder they
suggest, warnings and questions, and what they ask of the window's export actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.model import Case
from desktop.gui.common import folders, workers

PDF_LANGS = ("en", "ru", "both")
PAPERS = ("a4", "letter")
SLIDE_LANGS = ("en", "ru")
SLIDE_SIZES = ("16:9", "4:3")
# Pixels per point of the preview images, times the screen's device pixel ratio: a
# little more than the column shows, so text stays crisp when scaled down to fit.
PREVIEW_SCALE = 1.3
PREVIEW_DELAY_MS = 150  # options that change quickly (arrow keys in a combo) wait a moment
HINT_STYLE = "color: #5f6368;"  # the grey of the library's second lines


class ExportActions(Protocol):
    """What the dialogs ask of the window's ``actions.Exports``: described here, not
    imported, so that module may import the dialogs without an import circle."""

    window: Any  # the main window: its session, status bar and library file

    def save_all(self, codes: list[str], folder: Path, lang: str, anonymize: bool,
                 paper: str, jobs: int | None = None) -> workers.Task | None: ...

    def print_summary(self, case: Case, lang: str, anonymize: bool, paper: str,
                      pdf: bytes | None = None, pages: int = 0,
                      parent: QWidget | None = None) -> object: ...

    def write_slides(self, cases: list[Case], path: Path, lang: str, anonymize: bool,
                     size: str) -> workers.Task: ...


def pdf_file_name(code: str, lang: str, anonymize: bool) -> str:
    """``BALL-EM-2-deid-en.pdf``: the name ``write_pdfs`` gives the same summary."""
    from desktop.report.batch import file_name

    return file_name(code, lang, anonymize)


def reports_dir() -> Path:
    """Where summaries and slides are saved: the folder last used for them, else the
    user's documents folder (never the program's own folder)."""
    return folders.start_dir("reports")


def warn(parent: QWidget | None, title: str, text: str, details: list[str] | None = None
         ) -> None:
    """A warning with the error's own words (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    if details:
        box.setInformativeText("\n".join(details[:8]) + ("\n…" if len(details) > 8 else ""))
        if len(details) > 8:
            box.setDetailedText("\n".join(details))
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def default_paper() -> str:
    from PySide6.QtCore import QLocale

    us = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"
