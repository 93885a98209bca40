"""The case library: one SQLite file, every change one transaction.

``Store.open`` refuses what it must not touch — a file that is not SQLite, a corrupt
one, another program's database, one written by a newer version — and backs the file up
before it migrates anything.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core import outfile
from desktop.core.errors import (
    CasePresenterError,
    DuplicateCode,
    NotFound,
    OutdatedLibrary,
    StoreError,
)
from desktop.core.paths import seed_files
from desktop.core.store import backup, connect, revisions
from desktop.core.store.db import Db
from desktop.core.store.rows import unflatten
from desktop.core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from desktop.core.store.series import SavedSeries as SavedSeries
from desktop.core.store.series import SeriesStore
from desktop.core.store.summary import COLUMNS, from_rows, no_collection
from desktop.core.store.summary import CaseSummary as CaseSummary

if TYPE_CHECKING:
    from desktop.core.model import Case, PetStudy
    from desktop.core.store import facets
    from desktop.core.store.imports import ImportReport

# What only reading, writing or importing needs (the model, the case-file reader, the
# stemmer) is imported when first used: a command that lists the library starts faster.

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: The index column a snippet is cut from: the text in the language the query is typed
#: in (the English text holds the notation's words too). One column: a snippet is made
#: for every ranked row, and four would cost more than the search itself.
SNIPPET_COLUMN = {"en": 2, "ru": 3}


@cache
def child_tables() -> tuple[tuple[str, type], ...]:
    """Each per-case list's table and the model class of its rows."""
    from desktop.core.model import Event, Finding, Measurement, Therapy

    return (("findings", Finding), ("therapies", Therapy), ("events", Event),
            ("measurements", Measurement))


def __getattr__(name: str):
    if name == "ImportReport":  # re-exported without importing the case-file reader
        from desktop.core.store.imports import ImportReport

        return ImportReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

class Store(SeriesStore):
    """A case library. Use ``Store.open(path)``; close it, or use it as a context manager.

    Writes are ``BEGIN IMMEDIATE`` transactions, so a second writer (another window, the
    command line) waits its turn instead of failing; every case carries a revision, and
    a save that names an older revision than the library holds is refused (``Conflict``).
    """

    def __init__(self, db: Db, path: Path | None, *, readonly: bool = False) -> None:
        self.db, self.path, self.readonly = db, path, readonly
        self._verified = path is None
        self._savepoints = itertools.count()

    # --- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None, *, seed: bool = True, readonly: bool = False,
             verify: bool = False) -> Store:
        """Open a library; a path that does not exist yet becomes a new one (with the
        seed cases unless ``seed`` is false). ``None`` opens a private in-memory one.

        ``readonly`` never writes (and works on read-only media). A writable store checks
        the file's health before its first write; ``verify`` does it now.
        """
        if path is None:
            store = cls(Db(connect.connect(None)), None)
            store._migrate()
            if seed:
                store.import_files(seed_files(), make_backup=False)
            return store
        p = Path(path)
        connect.refuse_unusable(p)
        if not p.exists():
            if readonly:
                raise StoreError(f"{p}: there is no library here.")
            connect.create(p, lambda conn: cls._build(conn, seed))
        conn = None
        try:
            conn = connect.connect(p, readonly=readonly)
            version = connect.check_identity(conn, p)
            store = cls(Db(conn), p, readonly=readonly)
            if version < SCHEMA_VERSION and readonly:
                raise OutdatedLibrary(f"{p} was written by an older version of Case Presenter; "
                                 "open it once for writing (the window, or import) to "
                                 "upgrade it.")
            if not readonly:
                if verify or version < SCHEMA_VERSION:
                    store.verify()
                store._migrate()
                store._enable_wal()
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            raise StoreError(connect.explain(p, e)) from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        return store

    @classmethod
    def _build(cls, conn: sqlite3.Connection, seed: bool) -> None:
        store = cls(Db(conn), None)
        store._migrate()
        if seed:
            store.import_files(seed_files(), make_backup=False)

    def _enable_wal(self) -> None:
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            with contextlib.suppress(sqlite3.OperationalError):
                self.db.execute("PRAGMA journal_mode = WAL")

    def verify(self) -> None:
        """Refuse to write into a damaged library: a quick integrity check and a decode of
        every text value. The message names the newest good backup, if there is one."""
        problems = connect.damage(self.db.conn)
        if problems:
            raise StoreError(self._damaged_message(problems))
        self._verified = True

    def _damaged_message(self, problems: list[str]) -> str:
        where = self.path or "the library"
        good = backup.newest_good(self.path) if self.path else None
        offer = (f" The newest good backup is {good}." if good else
                 " No good backup was found.")
        return (f"{where} is damaged ({'; '.join(problems[:3])}); it was not changed and "
                f"nothing will be written into it.{offer}")

    def _migrate(self) -> None:
        if self.user_version == SCHEMA_VERSION:
            return
        if self.user_version > 0 and self.path is not None:
            backup.make(self.db.conn, self.path,
                        f"before-migration-v{self.user_version}-to-v{SCHEMA_VERSION}")
        while (version := self.user_version) < SCHEMA_VERSION:
            with self._write():  # re-read inside: another process may have migrated
                if self.user_version != version:
                    continue
                MIGRATIONS[version](self.db)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute(f"PRAGMA user_version = {version + 1}")

    @property
    def user_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` transaction (a savepoint when nested). SQLite's own
        failures come out as a readable ``StoreError``, with nothing written."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; nothing was changed.")
        conn = self.db.conn
        if conn.in_transaction:
            with self._savepoint():
                yield
            return
        if not self._verified:
            self.verify()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(connect.explain(self.path, e)) from None

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One write transaction that other writes join (sync keeps its own table in
        step with the cases this way)."""
        return self._write()

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        conn, name = self.db.conn, f"sp{next(self._savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")

    @contextlib.contextmanager
    def _read(self) -> Iterator[None]:
        """Several reads seen as of one moment; a damaged page or undecodable text comes
        out as a readable ``StoreError``."""
        conn = self.db.conn
        try:
            if conn.in_transaction:
                yield
                return
            conn.execute("BEGIN")
            try:
                yield
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            raise StoreError(connect.explain(self.path, e)) from None

    # --- reading ---------------------------------------------------------------
    def codes(self) -> list[str]:
        with self._read():
            return [r[0] for r in self.db.execute("SELECT code FROM cases ORDER BY code")]

    def __len__(self) -> int:
        with self._read():
            return self.db.execute("SELECT count(*) FROM cases").fetchone()[0]

    def __contains__(self, code: object) -> bool:
        with self._read():
            return self._id(str(code)) is not None

    def list_cases(self) -> list[CaseSummary]:
        """Every case's code, titles, diagnosis and tags, by code."""
        with self._read(), no_collection():
            return list(from_rows(self.db.execute(
                f"SELECT {COLUMNS} FROM cases ORDER BY code COLLATE NOCASE").fetchall()))

    def search(self, query: str, limit: int = 200) -> list[CaseSummary]:
        """Cases matching every word of ``query`` (as prefixes) in either language,
        best first (bm25). An empty query lists the library.

        When more cases match than ``search.RANKED`` (and ``limit``), the best are taken
        from the most recently added of them (``search.rank_floor``): ranking every match
        of a word found in nearly every case would cost far more than the limit."""
        from desktop.core.store import search

        match = search.fts_query(query)
        if match is None:
            return self.list_cases()[:limit]
        column = SNIPPET_COLUMN["ru" if _CYRILLIC.search(query) else "en"]
        snippet = f"snippet(case_search_fts, {column}, '**', '**', '…', 10)"
        with self._read():
            floor = search.rank_floor(self.db.conn, match, limit)
            rows = self.db.execute(
                "SELECT c.code, c.title_en, c.title_ru, c.dx_name_en, c.dx_name_ru, c.tags, "
                f"c.modified, {snippet} FROM case_search_fts f "
                "JOIN case_search s ON s.rowid = f.rowid "
                "JOIN cases c ON c.id = s.case_id WHERE case_search_fts MATCH ? "
                "AND f.rowid >= ? ORDER BY f.rank LIMIT ?", [match, floor, limit]).fetchall()
        return [_summary(r, r[7] if r[7] and "**" in r[7] else "") for r in rows]

    def facets(self) -> facets.Facets:
        """The therapies, event types and responses in use, to filter the list by."""
        from desktop.core.store import facets

        with self._read():
            return facets.facets(self.db)

    def codes_where(self, **filters: str | None) -> set[str]:
        """Codes of the cases with every given value (``facets.codes_where``)."""
        from desktop.core.store import facets

        with self._read():
            return facets.codes_where(self.db, **filters)

    def get(self, code: str) -> Case:
        return self.load(code)[0]

    def load(self, code: str) -> tuple[Case, int]:
        """The case ``code`` and its revision, read as of one moment."""
        from desktop.core.model import Case, Diagnosis, Patient, Text

        with self._read():
            row = self._row("SELECT * FROM cases WHERE code = ?", [code])
            if row is None:
                raise NotFound(f"no case with code {code!r} in {self.path or 'the library'}")
            cid = row["id"]
            lists = {name: [unflatten(kind, r) for r in self._children(name, cid)]
                     for name, kind in child_tables()}
            studies = [self._study(r) for r in self._children("pet_studies", cid)]
        case = Case(
            code=row["code"],
            title=Text(row["title_en"], row["title_ru"]),
            tags=json.loads(row["tags"]),
            patient=unflatten(Patient, row),
            diagnosis=unflatten(Diagnosis, row, prefix="dx_"),
            pet_studies=studies,
            sections={k: Text(**v) for k, v in json.loads(row["sections"]).items()},
            references=json.loads(row["refs"]),
            consent=None if row["consent"] is None else bool(row["consent"]),
            pet_criteria=row["pet_criteria"] or "auto",
            **lists,
        )
        return case, row["revision"]

    def revision(self, code: str) -> int | None:
        """The case's revision (it counts saves), or None when there is no such case."""
        with self._read():
            row = self.db.execute("SELECT revision FROM cases WHERE code = ?",
                                  [code]).fetchone()
        return None if row is None else row[0]

    def _study(self, row: dict) -> PetStudy:
        from desktop.core.model import Image, Lesion, PetStudy

        lesions = [unflatten(Lesion, r) for r in self.db.query(
            "SELECT * FROM lesions WHERE study_id = ? ORDER BY position", [row["id"]])]
        image = None
        if row["image_id"] is not None:
            img = self._row("SELECT media_type, data FROM images WHERE id = ?", [row["image_id"]])
            image = Image(img["media_type"], bytes(img["data"]))
        return unflatten(PetStudy, row, lesions=lesions, image=image)

    def _children(self, table: str, case_id: int) -> list[dict]:
        return list(self.db.query(f"SELECT * FROM {table} WHERE case_id = ? ORDER BY position",
                                  [case_id]))

    def _row(self, sql: str, params: Sequence) -> dict | None:
        return next(iter(self.db.query(sql, params)), None)

    def _id(self, code: str) -> int | None:
        row = self.db.execute("SELECT id FROM cases WHERE code = ?", [code]).fetchone()
        return row[0] if row else None

    def _current(self, code: str, base_revision: int | None) -> tuple[int, int]:
        """The id and revision of ``code``; ``Conflict`` when it is not ``base_revision``."""
        row = self.db.execute("SELECT id, revision FROM cases WHERE code = ?",
                              [code]).fetchone()
        return revisions.current(row, code, base_revision, "the library")

    # --- writing ---------------------------------------------------------------
    def add(self, case: Case) -> int:
        """Add a new case (revision 1); a code already in the library is refused."""
        with self._write():
            if self._id(case.code) is not None:
                raise DuplicateCode(f"a case with code {case.code!r} is already in the library")
            self._insert(case, revision=1)
        return 1

    def save(self, case: Case, *, code: str | None = None,
             base_revision: int | None = None) -> int:
        """Replace the case stored under ``code`` (default: ``case.code``) with ``case``,
        in one transaction, and return its new revision. With ``base_revision`` (the
        revision the edit started from), a case changed meanwhile is not overwritten:
        ``Conflict``. Renaming to a code in use is refused."""
        old = code or case.code
        with self._write():
            cid, revision = self._current(old, base_revision)
            if case.code != old and self._id(case.code) is not None:
                raise DuplicateCode(f"a case with code {case.code!r} is already in the library")
            self.db.execute("DELETE FROM cases WHERE id = ?", [cid])
            self._insert(case, cid, revision=revision + 1)
            self._drop_orphan_images()
        return revision + 1

    def put(self, case: Case, *, replace: bool = False) -> int:
        """Add, or with ``replace`` overwrite a case of the same code."""
        if replace and case.code in self:
            return self.save(case)
        return self.add(case)

    def delete(self, code: str, *, base_revision: int | None = None) -> None:
        """Delete a case; with ``base_revision``, only if nobody changed it meanwhile."""
        with self._write():
            cid, _ = self._current(code, base_revision)
            self.db.execute("DELETE FROM cases WHERE id = ?", [cid])
            self._drop_orphan_images()

    def _insert(self, case: Case, case_id: int | None = None, *, revision: int) -> int:
        from desktop.core.store import writes  # the search rows' stemmer: on first write

        return writes.insert_case(self.db.conn, case, case_id, revision)

    def _drop_orphan_images(self) -> None:
        self.db.execute("DELETE FROM images WHERE id NOT IN "
                        "(SELECT image_id FROM pet_studies WHERE image_id IS NOT NULL)")

    # --- files -----------------------------------------------------------------
    def import_files(self, paths: Sequence[str | Path], *, replace: bool = False,
                     make_backup: bool | None = None) -> ImportReport:
        """Import case files, each all or nothing; a bad file is reported and the files
        beside it are still imported.

        More than one file into a non-empty library is a bulk import: the database is
        backed up first (``make_backup`` forces or skips that); a backup that fails stops
        the import before anything is written.
        """
        from desktop.core.store import imports

        report = imports.ImportReport()
        bulk = len(paths) > 1 and len(self) > 0
        if (bulk if make_backup is None else make_backup) and self.path is not None:
            if not self._verified:
                self.verify()
            report.backup = backup.make(self.db.conn, self.path, "before-import")
        writer = imports.Writer(
            transaction=lambda: self._import_transaction(replace), atomic=self._savepoint,
            exists=lambda code: self._id(code) is not None,
            put=lambda case: self._import_put(case, replace),
            store_errors=(sqlite3.Error, ValueError))
        for batch in imports.batches(paths):
            imports.import_batch(batch, replace, report, writer)
        return report

    @contextlib.contextmanager
    def _import_transaction(self, replace: bool) -> Iterator[None]:
        """One write transaction for a batch; images no longer shown once the batch has
        replaced its cases are dropped once, at its end."""
        with self._write():
            yield
            if replace:
                self._drop_orphan_images()

    def _import_put(self, case: Case, replace: bool) -> None:
        """``put`` inside the import's own savepoint, with no savepoint of its own; the
        import has just checked that a code is free when it does not ``replace``."""
        row = self.db.execute("SELECT id, revision FROM cases WHERE code = ?",
                              [case.code]).fetchone() if replace else None
        if row is None:
            self._insert(case, revision=1)
            return
        self.db.execute("DELETE FROM cases WHERE id = ?", [row[0]])
        self._insert(case, row[0], revision=row[1] + 1)

    def export_file(self, code: str, path: str | Path) -> Path:
        from desktop.core import casefile

        return outfile.write_text(path, casefile.dumps(self.get(code)))

    # --- health ----------------------------------------------------------------
    def check(self) -> list[str]:
        """Integrity problems in plain words; an empty list means the library is sound."""
        from desktop.core import casefile

        problems = connect.damage(self.db.conn, full=True)
        try:
            problems += [f"broken link in table {r[0]} (row {r[1]}) to {r[2]}"
                         for r in self.db.execute("PRAGMA foreign_key_check")]
            codes = self.codes()
        except (sqlite3.DatabaseError, StoreError) as e:
            return [*problems, f"the list of cases cannot be read: {e}"]
        if not self.readonly:
            with contextlib.suppress(sqlite3.DatabaseError):
                self.db.execute("INSERT INTO case_search_fts(case_search_fts, rank) "
                                "VALUES ('integrity-check', 1)")
        for code in codes:
            try:
                casefile.from_document(casefile.to_document(self.get(code)), source=code)
            except (CasePresenterError, ValueError) as e:
                problems.append(f"case {code}: {e}")
        return problems


def _summary(r: Sequence, snippet: str = "") -> CaseSummary:
    return CaseSummary.from_row(r, " ".join(snippet.split()) if snippet else "")
