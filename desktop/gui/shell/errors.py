"""Exceptions that escape into the Qt event loop: logged, shown, and the app goes on.

A ``CasePresenterError`` is a message for the user (no traceback); anything else is a
bug, shown briefly with the details folded away and written to the log file.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import CasePresenterError
from desktop.gui.common.i18n import translate

log = logging.getLogger("case_presenter.gui")


def log_file() -> Path:
    import platformdirs

    folder = Path(platformdirs.user_log_dir("case-presenter", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "case-presenter.log"


def setup_file_logging() -> Path | None:
    """Send this package's log records to the log file (where the CLI writes, too)."""
    try:
        path = log_file()
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("case_presenter")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class ExceptionHandler:
    """``sys.excepthook`` while the window runs. One message box at a time: an error
    raised while one is open is logged only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self._showing = False
        self._previous = sys.excepthook

    def install(self) -> ExceptionHandler:
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], value: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        if isinstance(value, CasePresenterError):
            log.warning("%s", value)
        else:
            log.error("unexpected error in the window:\n%s", details)
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            self.show(value, details)
        finally:
            self._showing = False

    def show(self, value: BaseException, details: str) -> None:
        box = QMessageBox(self.parent)
        box.setWindowTitle("Case Presenter")
        if isinstance(value, CasePresenterError):
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(str(value))
        else:
            box.setIcon(QMessageBox.Icon.Critical)
            box.setText(translate(
                "ErrorHandler", "Something went wrong: %1. The action was not completed; "
                "your cases are safe and the window keeps working.").replace(
                "%1", f"{type(value).__name__}: {value}"))
            box.setInformativeText(translate("ErrorHandler",
                                             "The details were written to the log file."))
            box.setDetailedText(details)
        box.exec()
