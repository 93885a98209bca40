"""Where things live: the bundled resources, the default library and the report folder."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SEED_DIR = RESOURCES / "seed"
DB_ENV = "CASE_PRESENTER_DB"


def default_db_path() -> Path:
    """``$CASE_PRESENTER_DB`` if set, else ``cases.db`` at the top of the project."""
    return Path(os.environ.get(DB_ENV) or ROOT / "cases.db")


def default_reports_dir() -> Path:
    return ROOT / "reports"


def seed_files() -> list[Path]:
    return sorted(SEED_DIR.glob("*.case.json"))
