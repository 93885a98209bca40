"""Starting the application: QApplication, the exception hook, the window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.errors import CasePresenterError
from desktop.gui.common.settings import APPLICATION, ORGANIZATION
from desktop.gui.shell.errors import ExceptionHandler, setup_file_logging

log = logging.getLogger("case_presenter.gui")


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName("Case Presenter")
    return app


def run_app(db_path: Path, lang: str | None = None,
            shown: Callable[[], None] | None = None) -> int:
    """The window on ``db_path`` until it is closed; ``shown()`` is called once the
    window is shown (on the event loop's first pass)."""
    app = application()
    setup_file_logging()
    handler = ExceptionHandler().install()
    from desktop.gui.shell.main_window import MainWindow

    try:
        window = MainWindow(db_path, lang=lang)
    except CasePresenterError as e:  # the library could not be opened and the user quit
        log.warning("not started: %s", e)
        handler.uninstall()
        return 1
    handler.parent = window
    window.show()
    if shown is not None:
        QTimer.singleShot(0, shown)
    try:
        return app.exec()
    finally:
        handler.uninstall()
        handler.parent = None
        if shiboken6.isValid(window):  # deleted now, not in the interpreter's teardown,
            shiboken6.delete(window)  # where it crashed one start on the Timeline in three
