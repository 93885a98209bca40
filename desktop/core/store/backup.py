"""Rotating backups of the library file, made with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

KEEP = 5


def folder(db_path: Path) -> Path:
    """``cases.db`` → ``cases.db.backups/`` beside it."""
    return db_path.with_name(db_path.name + ".backups")


def make(db: Database, db_path: Path, reason: str) -> Path:
    """Copy the whole database to a new dated file, then keep only the newest ``KEEP``."""
    target_dir = folder(db_path)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"{db_path.stem}-{stamp}-{reason}.db"
    dest = sqlite3.connect(target)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    for old in backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def backups(db_path: Path) -> list[Path]:
    """Existing backups, newest first."""
    return sorted(folder(db_path).glob(f"{db_path.stem}-*.db"), reverse=True)
