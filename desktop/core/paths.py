"""Where things live: the bundled resources, the default library and the report folder.

From source, everything is in the project folder. In a standalone bundle (PyInstaller,
``sys.frozen``) the resources are inside the bundle, which may be read-only and is replaced
on every update, so the library and the reports live in the user's own folders instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "case-presenter"
DB_ENV = "CASE_PRESENTER_DB"
#: The name ending of a case file (``core.casefile``), here so that the window can filter
#: file names without loading the reader.
CASE_FILE_SUFFIX = ".case.json"


def bundle_dir() -> Path | None:
    """The folder holding a frozen bundle's files (``sys._MEIPASS``); None from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))


BUNDLE = bundle_dir()
ROOT = BUNDLE or Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SEED_DIR = RESOURCES / "seed"


def user_data_dir() -> Path:
    """The per-user data folder (``~/.local/share/case-presenter``, ``%LOCALAPPDATA%\\…``,
    ``~/Library/Application Support/…``)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path(bundle: Path | None = BUNDLE) -> Path:
    """``$CASE_PRESENTER_DB`` if set; else ``cases.db`` at the top of the project, or, in a
    bundle, in the user's data folder (created here, so the first start can seed it)."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    if bundle is None:
        return ROOT / "cases.db"
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "cases.db"


def default_reports_dir(bundle: Path | None = BUNDLE) -> Path:
    """``reports/`` in the project; in a bundle, ``Case Presenter`` in the user's Documents."""
    if bundle is None:
        return ROOT / "reports"
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Case Presenter"


def seed_files() -> list[Path]:
    return sorted(SEED_DIR.glob("*.case.json"))
