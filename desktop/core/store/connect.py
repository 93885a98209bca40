"""Opening a library file: the one connection discipline every ``Store`` follows.

SQLite keeps its locks as POSIX advisory locks, and POSIX drops every lock a process
holds on a file when *any* descriptor of that file is closed. So the library file is
never opened outside SQLite: its header, its owner and its health are all read through
SQLite itself ("How To Corrupt An SQLite Database File", §2.2).

A new library is built under a temporary name and linked into place when complete, so
a library file that exists was either made by us, whole, or is refused.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from desktop.core.errors import StoreError
from desktop.core.store.schema import APPLICATION_ID, SCHEMA_VERSION

#: How long a writer waits for another writer to finish before giving up (seconds).
BUSY_TIMEOUT = 30.0

#: Tables whose text a damaged page could make undecodable; images are blobs.
TEXT_TABLES = ("cases", "findings", "therapies", "events", "measurements", "pet_studies",
               "lesions", "case_search")


def uri(path: Path, *, readonly: bool = False, immutable: bool = False) -> str:
    """An SQLite URI for ``path`` (``?`` and ``#`` in names are quoted)."""
    params = ["mode=ro"] if readonly else ["mode=rw"]
    if immutable:
        params.append("immutable=1")
    return f"file:{quote(str(path.absolute()))}?{'&'.join(params)}"


def connect(path: Path | None, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode: ``Store`` opens every transaction itself.

    A read-only connection to a file it could write is opened for writing with SQL
    writes refused (``query_only``): then, when it is the last to close, SQLite removes
    the ``-wal`` and ``-shm`` files as it does for any other (a ``mode=ro`` connection
    cannot, and left them beside the library after every PDF or deck). On read-only
    media (where SQLite cannot make its shared-memory file) it falls back to
    ``immutable``, which needs no lock at all.
    """
    if path is None:
        return _configure(sqlite3.connect(":memory:", isolation_level=None,
                                          check_same_thread=False))
    query_only = readonly and os.access(path, os.W_OK)
    try:
        conn = sqlite3.connect(uri(path, readonly=readonly and not query_only), uri=True,
                               timeout=BUSY_TIMEOUT, isolation_level=None,
                               check_same_thread=False)
        _configure(conn)
        if query_only:
            conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        if not readonly or ("unable to open" not in str(e) and "readonly" not in str(e)):
            raise
    conn = sqlite3.connect(uri(path, readonly=True, immutable=True), uri=True,
                           isolation_level=None, check_same_thread=False)
    return _configure(conn)


def _configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return conn


def refuse_unusable(path: Path) -> None:
    """Refuse, before any connection, what cannot be a library: a missing folder, a
    folder, a device, an empty file. (``stat`` opens no descriptor.)"""
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as e:
        raise StoreError(f"{path} cannot be read: {e.strerror or e}") from None
    if not path.is_file():
        raise StoreError(f"{path} is not a file; a library is one SQLite file.")
    if st.st_size == 0:
        raise StoreError(f"{path} is empty (0 bytes), not a Case Presenter library; it was "
                         "not changed. Remove it, or give another file, to start a new library.")


def check_identity(conn: sqlite3.Connection, path: Path | None) -> int:
    """The library's schema version, after refusing another program's database (even an
    empty one) and a library written by a newer version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite database of another program, not a Case "
                         "Presenter library; it was not changed.")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer version of Case Presenter (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}). It was not changed: open it with "
            "the newer version.")
    return version


def damage(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """What is damaged in the library, in plain words; empty when it is sound.

    ``quick_check`` finds broken pages and indexes in one pass; then every text value is
    decoded, since a damaged page can hold bytes that are not UTF-8 and pass the check.
    ``full`` runs the slower ``integrity_check`` instead.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        found = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)") if r[0] != "ok"]
    except sqlite3.DatabaseError as e:
        return [f"SQLite {pragma}: {e}"]
    return [f"SQLite {pragma}: {x}" for x in found] + undecodable_text(conn)


def undecodable_text(conn: sqlite3.Connection) -> list[str]:
    """Rows holding text that is not valid UTF-8, as ``table row N``."""
    problems: list[str] = []
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[2].upper() == "TEXT"]
               for t in TEXT_TABLES if t in tables}
    saved = conn.text_factory
    conn.text_factory = bytes
    try:
        for table, cols in columns.items():
            if not cols:
                continue
            sel = ", ".join(f'"{c}"' for c in cols)
            for row in conn.execute(f"SELECT rowid, {sel} FROM {table}"):
                if not all(_decodes(v) for v in row[1:]):
                    problems.append(f"undecodable text in table {table}, row {row[0]}")
                    if len(problems) >= 20:
                        return problems
        for index, table, cols in _text_indexes(conn, columns):
            sel = ", ".join(f'"{c}"' for c in cols)
            for row in conn.execute(f"SELECT {sel} FROM {table} INDEXED BY {index}"):
                if not all(_decodes(v) for v in row):
                    problems.append(f"undecodable text in index {index}")
                    break
    except sqlite3.DatabaseError as e:
        problems.append(f"table cannot be read: {e}")
    finally:
        conn.text_factory = saved
    return problems


def _text_indexes(conn: sqlite3.Connection, columns: dict[str, list[str]]
                  ) -> list[tuple[str, str, list[str]]]:
    """Indexes holding copies of text columns (a copy can be damaged on its own)."""
    found = []
    for table, text_cols in columns.items():
        for idx in conn.execute(f"PRAGMA index_list({table})").fetchall():
            name = idx[1].decode() if isinstance(idx[1], bytes) else idx[1]
            cols = [r[2].decode() if isinstance(r[2], bytes) else r[2]
                    for r in conn.execute(f"PRAGMA index_info('{name}')")]
            if any(c in text_cols for c in cols) and not name.startswith("sqlite_autoindex"):
                found.append((name, table, [c for c in cols if c]))
    return found


def _decodes(value: object) -> bool:
    if not isinstance(value, bytes):
        return True
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def create(path: Path, build: Callable[[sqlite3.Connection], None]) -> None:
    """Make a new library at ``path``: ``build`` fills a file under a temporary name,
    which is then linked into place. If another process made ``path`` meanwhile, its
    library wins and ours is discarded."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.new")
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            _configure(conn)
            build(conn)
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
    except sqlite3.DatabaseError as e:
        raise StoreError(explain(path, e)) from None
    except OSError as e:
        raise StoreError(f"{path}: a new library cannot be created: {e.strerror or e}") from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def explain(path: Path | None, e: sqlite3.DatabaseError) -> str:
    """SQLite's error in words a user can act on."""
    from desktop.core.store import backup

    where = str(path) if path else "the library"
    msg = str(e)
    if "locked" in msg or "busy" in msg:
        return (f"{where} is busy: another program or copy of Case Presenter kept it for "
                f"more than {BUSY_TIMEOUT:.0f} s ({msg}); nothing was changed, try again.")
    if "readonly" in msg:
        return f"{where} is read-only; changes cannot be saved: {msg}"
    if "not a database" in msg:
        return (f"{where} is not a Case Presenter library (not an SQLite database, or "
                "damaged beyond its first page); it was not changed.")
    if any(w in msg for w in ("malformed", "corrupt", "decode")):
        return (f"{where} is damaged ({msg}); it was not changed. Restore a backup from "
                f"{backup.folder(path) if path else 'the backup folder'}.")
    if "unable to open" in msg:
        return f"{where} cannot be opened ({msg})."
    return f"{where}: database error: {msg}"
