"""``PgStore``: a department library on PostgreSQL with the operations of ``Store``.

Every change is one transaction; a save names the revision it started from and is
refused (``Conflict``) over a newer one, as in the SQLite library. Cases are kept as
their case-file documents, read back through the same casefile rules.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg_pool import PoolTimeout

from desktop.core import casefile, outfile
from desktop.core.errors import (
    CaseFileError,
    CasePresenterError,
    DuplicateCode,
    NotFound,
    OutdatedLibrary,
    StoreError,
)
from desktop.core.model import Case, Text
from desktop.core.store import CaseSummary, imports, revisions
from desktop.core.store.imports import ImportReport
from desktop.core.store.postgres import connect, schema
from desktop.core.store.postgres import search as pgsearch
from desktop.core.store.search import search_row

#: The search columns are built from the text split into words (``w_`` parameters).
TSV_ARGS = {k: f"%(w_{k})s" for k in ("code", "title", "body_en", "body_ru", "notation")}
SUMMARY = "c.code, c.title_en, c.title_ru, c.dx_name_en, c.dx_name_ru, c.tags, c.modified"


class PgStore:
    """A department library. Use ``PgStore.open(url)``; close it, or use ``with``.

    ``readonly`` is true when the role may only read (residents, printing staff) or when
    opened so: every write is then refused with a message and nothing is sent.
    """

    #: A department library has no file; messages name ``where`` (the URL, no password).
    path = None

    def __init__(self, url: str, *, readonly: bool,
                 timeout: float = connect.CONNECT_TIMEOUT) -> None:
        self.url, self.where, self.readonly = url, connect.redact(url), readonly
        self.user = urlsplit(url).username or "(default role)"
        self._pool = connect.pool(url, timeout)
        self._local = threading.local()

    @classmethod
    def open(cls, url: str, *, readonly: bool = False,
             timeout: float = connect.CONNECT_TIMEOUT) -> PgStore:
        """Connect, refuse another program's database or a newer schema, create or
        migrate an older one (when this role may), and find out whether we may write.
        ``timeout``: seconds to wait for a server (or a free connection)."""
        conn = connect.connect(url, timeout)
        try:
            version = schema.read_version(conn)
            where = connect.redact(url)
            if version is None:
                raise StoreError(f"{where} holds another program's tables, not a Case "
                                 "Presenter library; nothing was changed.")
            if version > schema.SCHEMA_VERSION:
                raise StoreError(f"{where} was written by a newer version of Case Presenter "
                                 f"(schema {version}, this one knows {schema.SCHEMA_VERSION}); "
                                 "update Case Presenter to open it.")
            if version < schema.SCHEMA_VERSION:
                cls._upgrade(conn, where, version, readonly)
            may_write = conn.execute(
                "SELECT has_table_privilege('cases', 'INSERT')").fetchone()[0]
        except psycopg.Error as e:
            raise connect.failure(url, e, "cannot open the department library") from None
        finally:
            conn.close()
        return cls(url, readonly=readonly or not may_write, timeout=timeout)

    @staticmethod
    def _upgrade(conn: psycopg.Connection, where: str, version: int, readonly: bool) -> None:
        if readonly:
            raise OutdatedLibrary(f"{where} is of an older schema; its owner must open it "
                                  "once for writing to upgrade it.")
        try:
            schema.migrate(conn)
        except psycopg.errors.InsufficientPrivilege:
            what = "is empty" if version == 0 else f"is of an older schema ({version})"
            raise StoreError(f"{where} {what} and this role may not create tables; the "
                             "database owner must open it once (see docs/department.md)."
                             ) from None

    @property
    def user_version(self) -> int:
        with self._conn() as conn:
            return schema.read_version(conn) or 0

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ----------------------------------------------------------
    @contextlib.contextmanager
    def _conn(self) -> Iterator[psycopg.Connection]:
        """A pooled connection, or the one of the transaction this thread is in. The
        pool rolls back on the way out whatever was not committed; psycopg's failures
        come out as a ``StoreError`` naming the library."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        try:
            with self._pool.connection() as conn:
                self._local.conn = conn
                try:
                    yield conn
                finally:
                    self._local.conn = None
        except psycopg.errors.InsufficientPrivilege:
            raise self._refusal() from None
        except psycopg.Error as e:
            raise connect.failure(self.url, e, "the department library failed "
                                  "(nothing was changed)") from None
        except PoolTimeout as e:
            raise connect.failure(self.url, e, "cannot connect to the department "
                                  "library") from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[psycopg.Connection]:
        """One transaction (a savepoint when nested): all of it, or nothing."""
        if self.readonly:
            raise self._refusal()
        with self._conn() as conn, conn.transaction():
            yield conn

    transaction = _write

    def _refusal(self) -> StoreError:
        return StoreError(f"{self.where}: the role {self.user!r} may only read this library; "
                          "nothing was changed.")

    # --- reading ---------------------------------------------------------------
    def codes(self) -> list[str]:
        with self._conn() as conn:
            return [r[0] for r in conn.execute("SELECT code FROM cases ORDER BY code")]

    def revisions(self) -> dict[str, int]:
        """Every case's code and revision (what sync compares)."""
        with self._conn() as conn:
            return dict(conn.execute("SELECT code, revision FROM cases").fetchall())

    def __len__(self) -> int:
        with self._conn() as conn:
            return conn.execute("SELECT count(*) FROM cases").fetchone()[0]

    def __contains__(self, code: object) -> bool:
        return self.revision(str(code)) is not None

    def list_cases(self) -> list[CaseSummary]:
        """Every case's code, titles, diagnosis and tags, by code (case-insensitively)."""
        with self._conn() as conn, conn.cursor(binary=True) as cur:
            rows = cur.execute(f"SELECT {SUMMARY} FROM cases c "
                               "ORDER BY lower(c.code), c.code").fetchall()
        return [_summary(r) for r in rows]

    def search(self, query: str, limit: int = 200) -> list[CaseSummary]:
        """Cases matching every word of ``query`` (as prefixes, or word forms) in either
        language, best first, each with a snippet. An empty query lists the library."""
        found = pgsearch.match(query)
        if found is None:
            return self.list_cases()[:limit]
        tsquery, params = found
        sql = (f"WITH q AS (SELECT {tsquery} AS q) "
               f"SELECT {SUMMARY}, s.title, s.body_en, s.body_ru, s.notation "
               "FROM case_search s JOIN cases c ON c.id = s.case_id, q WHERE s.tsv @@ q.q "
               "ORDER BY ts_rank(s.tsv, q.q) DESC, lower(c.code) LIMIT %s")
        with self._conn() as conn:
            rows = conn.execute(sql, [*params, limit]).fetchall()
        return [_summary(r, pgsearch.snippet(list(r[7:]), query)) for r in rows]

    def get(self, code: str) -> Case:
        return self.load(code)[0]

    def load(self, code: str) -> tuple[Case, int]:
        """The case ``code`` and its revision, read as of one moment."""
        with self._conn() as conn:
            row = conn.execute("SELECT document, revision FROM cases WHERE code = %s",
                               [code]).fetchone()
        if row is None:
            raise NotFound(f"no case with code {code!r} in {self.where}")
        return casefile.loads(row[0], source=f"{self.where} case {code}"), row[1]

    def load_many(self, codes: Sequence[str]) -> dict[str, tuple[Case | CaseFileError, int]]:
        """Several cases in one round trip (sync fetches in batches); a case the casefile
        rules refuse comes back as its ``CaseFileError``, the others still load."""
        with self._conn() as conn:
            rows = conn.execute("SELECT code, document, revision FROM cases "
                                "WHERE code = ANY(%s)", [list(codes)]).fetchall()
        found: dict[str, tuple[Case | CaseFileError, int]] = {}
        for code, document, revision in rows:
            try:
                found[code] = casefile.loads(document, source=f"{self.where} case {code}"), revision
            except CaseFileError as e:
                found[code] = e, revision
        return found

    def revision(self, code: str) -> int | None:
        with self._conn() as conn:
            row = conn.execute("SELECT revision FROM cases WHERE code = %s", [code]).fetchone()
        return None if row is None else row[0]

    # --- writing ---------------------------------------------------------------
    def add(self, case: Case) -> int:
        """Add a new case; a code already in the library is refused. Its revision
        continues from a deleted case of the same code, if there was one."""
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM cases WHERE code = %s", [case.code]).fetchone():
                raise DuplicateCode(f"a case with code {case.code!r} is already in {self.where}")
            row = conn.execute("DELETE FROM deleted_cases WHERE code = %s RETURNING revision",
                               [case.code]).fetchone()
            revision = (row[0] if row else 0) + 1
            self._insert(conn, case, revision)
        return revision

    def save(self, case: Case, *, code: str | None = None,
             base_revision: int | None = None) -> int:
        """Replace the case stored under ``code`` (default: ``case.code``) in one
        transaction and return its new revision; ``Conflict`` over a newer revision."""
        old = code or case.code
        with self._write() as conn:
            cid, revision = self._current(conn, old, base_revision)
            if case.code != old:
                if conn.execute("SELECT 1 FROM cases WHERE code = %s",
                                [case.code]).fetchone():
                    raise DuplicateCode(f"a case with code {case.code!r} is already in "
                                        f"{self.where}")
                self._tombstone(conn, old, revision)
                conn.execute("DELETE FROM deleted_cases WHERE code = %s", [case.code])
            conn.execute("DELETE FROM cases WHERE id = %s", [cid])
            self._insert(conn, case, revision + 1)
        return revision + 1

    def put(self, case: Case, *, replace: bool = False) -> int:
        if replace and case.code in self:
            return self.save(case)
        return self.add(case)

    def delete(self, code: str, *, base_revision: int | None = None) -> None:
        """Delete a case; with ``base_revision``, only if nobody changed it meanwhile."""
        with self._write() as conn:
            cid, revision = self._current(conn, code, base_revision)
            conn.execute("DELETE FROM cases WHERE id = %s", [cid])
            self._tombstone(conn, code, revision)

    def _tombstone(self, conn: psycopg.Connection, code: str, revision: int) -> None:
        conn.execute("INSERT INTO deleted_cases VALUES (%s, %s, %s) ON CONFLICT (code) DO "
                     "UPDATE SET revision = excluded.revision, deleted = excluded.deleted",
                     [code, revision, _now()])

    def _current(self, conn: psycopg.Connection, code: str,
                 base_revision: int | None) -> tuple[int, int]:
        row = conn.execute("SELECT id, revision FROM cases WHERE code = %s FOR UPDATE",
                           [code]).fetchone()
        return revisions.current(row, code, base_revision, self.where)

    def _insert(self, conn: psycopg.Connection, case: Case, revision: int) -> None:
        document = casefile.dumps(case)
        cid = conn.execute(
            "INSERT INTO cases (code, revision, modified, title_en, title_ru, dx_name_en, "
            "dx_name_ru, tags, document) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "RETURNING id",
            [case.code, revision, _now(), case.title.en, case.title.ru,
             case.diagnosis.name.en, case.diagnosis.name.ru,
             json.dumps(case.tags, ensure_ascii=False), document]).fetchone()[0]
        row = search_row(case)
        words = {k: pgsearch.plain(row[k]) for k in ("code", "title", "body_en", "body_ru",
                                                      "notation")}
        conn.execute(
            "INSERT INTO case_search (case_id, title, body_en, body_ru, notation, tsv) "
            "VALUES (%(id)s, %(title)s, %(body_en)s, %(body_ru)s, %(notation)s, "
            f"{pgsearch.TSV.format(**TSV_ARGS)})",
            {"id": cid, **row, **{f"w_{k}": v for k, v in words.items()}})

    # --- files -----------------------------------------------------------------
    def import_files(self, paths: Sequence[str | Path], *, replace: bool = False,
                     make_backup: bool | None = None) -> ImportReport:
        """Import case files, each all or nothing, in transactions of ``IMPORT_BATCH``
        files (``imports.import_batch``). Backups of a department library are the
        server's (pg_dump, see docs/department.md): ``make_backup`` is accepted and
        ignored."""
        report = ImportReport()
        writer = imports.Writer(transaction=self._write, atomic=self._write,
                                exists=lambda code: code in self,
                                put=lambda case: self.put(case, replace=replace),
                                store_errors=(psycopg.DataError,))
        for batch in imports.batches(paths):
            imports.import_batch(batch, replace, report, writer)
        return report

    def export_file(self, code: str, path: str | Path) -> Path:
        return outfile.write_text(path, casefile.dumps(self.get(code)))

    # --- health ----------------------------------------------------------------
    def check(self) -> list[str]:
        """Problems in plain words: a case whose document the casefile rules refuse, or
        whose list columns or search row disagree with it."""
        problems: list[str] = []
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT c.code, c.document, c.title_en, c.title_ru, s.case_id IS NULL "
                "FROM cases c LEFT JOIN case_search s ON s.case_id = c.id ORDER BY c.code")
            for code, document, title_en, title_ru, unindexed in rows:
                try:
                    case = casefile.loads(document, source=code)
                except CasePresenterError as e:
                    problems.append(f"case {code}: {e}")
                    continue
                if case.code != code or (case.title.en, case.title.ru) != (title_en, title_ru):
                    problems.append(f"case {code}: the list columns disagree with the case")
                if unindexed:
                    problems.append(f"case {code}: missing from the search index")
        return problems


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _summary(r: Sequence, snippet: str = "") -> CaseSummary:
    return CaseSummary(r[0], Text(r[1], r[2]), Text(r[3], r[4]), tuple(json.loads(r[5])), r[6],
                       " ".join(snippet.split()))
