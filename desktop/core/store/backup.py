"""Rotating backups of the library file, made with SQLite's online backup API.

A backup is written under a temporary name, checked, flushed to disk and only then
renamed into the folder; the old ones are pruned after that. A kill or a full disk in
the middle leaves the previous backups as they were, and the operation that asked for
the backup stops with a message.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from desktop.core.errors import StoreError

KEEP = 5
#: A temporary file older than this was left by a process that died mid-backup.
STALE_SECONDS = 3600


def folder(db_path: Path) -> Path:
    """``cases.db`` → ``cases.db.backups/`` beside it."""
    return db_path.with_name(db_path.name + ".backups")


def make(conn: sqlite3.Connection | object, db_path: Path, reason: str) -> Path:
    """Copy the whole database (a connection, or a sqlite-utils ``Database``) to a new
    dated file, verified, then keep only the newest ``KEEP``."""
    source = getattr(conn, "conn", conn)
    target_dir = folder(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"{db_path.stem}-{stamp}-{reason}.db"
    tmp = target_dir / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.part"
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        _drop_stale(target_dir)
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            problem = _problem(dest)
        finally:
            dest.close()
        if problem:
            raise StoreError(f"the backup of {db_path} did not verify ({problem}); "
                             "nothing was changed.")
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync(target_dir)
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"{db_path} could not be backed up to {target_dir} "
                         f"({getattr(e, 'strerror', None) or e}); nothing was changed.") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    for old in backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def backups(db_path: Path) -> list[Path]:
    """Existing backups, newest first."""
    return sorted(folder(db_path).glob(f"{db_path.stem}-*.db"), reverse=True)


def newest_good(db_path: Path) -> Path | None:
    """The newest backup that opens and passes SQLite's quick check."""
    for candidate in backups(db_path):
        try:
            conn = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
            try:
                if _problem(conn) is None:
                    return candidate
            finally:
                conn.close()
        except sqlite3.Error:
            continue
    return None


def _problem(conn: sqlite3.Connection) -> str | None:
    try:
        result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as e:
        return str(e)
    return None if result == "ok" else result


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _drop_stale(target_dir: Path) -> None:
    now = time.time()
    for part in target_dir.glob(".*.part"):
        with contextlib.suppress(OSError):
            if now - part.stat().st_mtime > STALE_SECONDS:
                part.unlink()
