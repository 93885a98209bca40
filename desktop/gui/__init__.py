"""The PySide6 window, on the core. ``create_main_window`` builds it on a library file."""

from __future__ import annotations

from pathlib import Path


def create_main_window(db_path: str | Path):
    from desktop.gui.main_window import MainWindow

    return MainWindow(Path(db_path))


def run(db_path: str | Path, lang: str = "en") -> int:
    from desktop.gui.app import run_app

    return run_app(Path(db_path), lang)
