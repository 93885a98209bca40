"""Starting the application: QApplication, the window, and a readable message on failure."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.errors import CasePresenterError

log = logging.getLogger("case_presenter.gui")


def run_app(db_path: Path, lang: str = "en") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Case Presenter")
    app.setOrganizationName("Case Presenter")
    from desktop.gui.main_window import MainWindow

    try:
        window = MainWindow(db_path, lang=lang)
    except CasePresenterError as e:
        QMessageBox.critical(None, "Case Presenter", str(e))
        return 1
    window.show()
    return app.exec()
