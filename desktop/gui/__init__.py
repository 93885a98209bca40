"""The PySide6 window, on the core.

``create_main_window(db_path)`` builds the whole window (tests and embedding use it);
``run(db_path, lang)`` starts the application (``case-presenter [--db PATH] [--lang]``).

The rooms: ``shell`` (the app and main window) puts together ``presentation`` and
``exports``, which draw on ``library``, ``case``, ``timeline`` and ``pet``; all of them
share ``common``. import-linter holds these layers (pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path


def create_main_window(db_path: str | Path, lang: str | None = None):
    """The main window on the library at ``db_path`` (created with the seed cases if it
    does not exist). A library that cannot be opened gets the dialog that offers another
    file or the latest backup; ``StoreError`` if the user gives up."""
    from desktop.gui.common import pyside_imports

    pyside_imports.install()
    from desktop.gui.shell.app import application
    from desktop.gui.shell.main_window import MainWindow

    application()
    return MainWindow(Path(db_path), lang=lang)


def run(db_path: str | Path, lang: str | None = None) -> int:
    from desktop.gui.shell.startup import pause_collection

    resume = pause_collection()  # until the window is shown (startup.py says why)
    try:
        from desktop.gui.common import pyside_imports

        pyside_imports.install()  # before the window's modules are imported
        from desktop.gui.shell.app import application, run_app
        from desktop.gui.shell.smoke import arm, wanted

        if wanted():  # the bundle's smoke test: quit once a case is shown
            arm(application())
        return run_app(Path(db_path), lang, shown=resume)
    finally:
        resume()
