"""Opening a library by what the user named: a file path (SQLite, the default) or a
``postgresql://`` URL (a department library). Both have the same operations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from desktop.core.paths import DB_ENV, default_db_path
from desktop.core.store.urls import is_url, redact

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.core.store.postgres import PgStore

Library: TypeAlias = "Store | PgStore"


def default_target() -> str | Path:
    """``$CASE_PRESENTER_DB`` (a path or a URL), else the default library file."""
    value = os.environ.get(DB_ENV)
    return value if is_url(value) else default_db_path()


def as_target(text: str | Path | None) -> str | Path:
    """A ``--db`` value: a URL stays text (a Path would fold its ``//``)."""
    if text is None:
        return default_target()
    return str(text) if is_url(str(text)) else Path(text)


def open_library(target: str | Path | None, *, readonly: bool = False, seed: bool = True,
                 verify: bool = False) -> Library:
    """A ``PgStore`` for a ``postgresql://`` URL, else a SQLite ``Store`` (``None``: a
    private in-memory one). A department library is never seeded."""
    if is_url(target):
        from desktop.core.store.postgres import PgStore  # psycopg only for a department

        return PgStore.open(str(target), readonly=readonly)
    from desktop.core.store import Store

    return Store.open(target, seed=seed, readonly=readonly, verify=verify)


def where(library: Library) -> str:
    """How messages name a library: its file, or its URL without the password."""
    named = getattr(library, "where", None)  # a department library names its URL
    if isinstance(named, str):
        return named
    return str(library.path or "the library")


__all__ = ["Library", "as_target", "default_target", "is_url", "open_library", "redact",
           "where"]
