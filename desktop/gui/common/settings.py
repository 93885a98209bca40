"""Where the window remembers things between starts (geometry, last case, language).

Always an INI file in the user's configuration folder, so tests can point Qt at a
temporary folder with ``QSettings.setPath(IniFormat, UserScope, tmp)``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "Case Presenter"
APPLICATION = "Case Presenter"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


def library_key(db_path: Path | None, name: str) -> str:
    """A settings key that belongs to one library file (its last case, say)."""
    where = str(Path(db_path).resolve()) if db_path is not None else ":memory:"
    return f"libraries/{hashlib.sha1(where.encode()).hexdigest()[:16]}/{name}"
