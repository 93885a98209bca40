"""The case library: one SQLite file, every change one transaction.

``Store.open`` refuses what it must not touch — a file that is not SQLite, a corrupt
one, another program's database, one written by a newer version — and backs the file up
before it migrates anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.core import casefile
from desktop.core.errors import CaseFileError, DuplicateCode, NotFound, StoreError
from desktop.core.model import (
    Case,
    Diagnosis,
    Event,
    Finding,
    Image,
    Lesion,
    Measurement,
    Patient,
    PetStudy,
    Text,
    Therapy,
)
from desktop.core.paths import seed_files
from desktop.core.store import backup
from desktop.core.store.rows import flatten, unflatten
from desktop.core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from desktop.core.store.search import fts_query, search_row

SQLITE_MAGIC = b"SQLite format 3\x00"
IMPORT_BATCH = 500
CHILD_TABLES = (("findings", Finding), ("therapies", Therapy), ("events", Event),
                ("measurements", Measurement))


@dataclass(frozen=True)
class CaseSummary:
    """What the library list shows of a case."""

    code: str
    title: Text
    diagnosis: Text
    tags: tuple[str, ...]
    modified: str


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    failed: list[CaseFileError] = field(default_factory=list)
    backup: Path | None = None


class Store:
    """A case library. Use ``Store.open(path)``; close it, or use it as a context manager."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db, self.path = db, path

    # --- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None, *, seed: bool = True) -> Store:
        """Open (or create) a library. ``None`` opens a private in-memory one."""
        p = None if path is None else Path(path)
        is_new = p is None or not p.exists() or p.stat().st_size == 0
        if p is not None and not p.parent.is_dir():
            raise StoreError(f"{p}: the folder {p.parent} does not exist")
        if p is not None and not is_new:
            _refuse_foreign_file(p)
        try:
            conn = sqlite3.connect(":memory:" if p is None else str(p), timeout=5.0)
            db = Database(conn)
            store = cls(db, p)
            store._configure()
            store._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(_explain(p, e)) from None
        if is_new and seed:
            store.import_files(seed_files(), make_backup=False)
        return store

    def _configure(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        version = self.user_version
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        tables = self.db.table_names()
        if tables and app_id != APPLICATION_ID:
            raise StoreError(f"{self.path} is an SQLite database of another program, "
                             "not a Case Presenter library; it was not changed.")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer version of Case Presenter (schema "
                f"{version}; this version reads up to {SCHEMA_VERSION}). It was not changed: "
                "open it with the newer version.")
        if self.path is not None:
            with contextlib.suppress(sqlite3.OperationalError):
                self.db.enable_wal()

    def _migrate(self) -> None:
        current = self.user_version
        if current == SCHEMA_VERSION:
            return
        if current > 0 and self.path is not None:
            backup.make(self.db, self.path, f"before-migration-v{current}-to-v{SCHEMA_VERSION}")
        for version in range(current, SCHEMA_VERSION):
            with self.db.atomic():
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
        """One transaction; SQLite's own failures come out as a readable ``StoreError``."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.DatabaseError as e:
            raise StoreError(_explain(self.path, e)) from None

    # --- reading ---------------------------------------------------------------
    def codes(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT code FROM cases ORDER BY code")]

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM cases").fetchone()[0]

    def __contains__(self, code: object) -> bool:
        return self._id(str(code)) is not None

    def list_cases(self) -> list[CaseSummary]:
        """Every case's code, titles, diagnosis and tags, by code."""
        rows = self.db.execute(
            "SELECT code, title_en, title_ru, dx_name_en, dx_name_ru, tags, modified "
            "FROM cases ORDER BY code COLLATE NOCASE")
        return [_summary(r) for r in rows]

    def search(self, query: str, limit: int = 200) -> list[CaseSummary]:
        """Cases matching every word of ``query`` (as prefixes) in either language,
        best first. An empty query lists the library."""
        match = fts_query(query)
        if match is None:
            return self.list_cases()[:limit]
        rows = self.db.execute(
            "SELECT c.code, c.title_en, c.title_ru, c.dx_name_en, c.dx_name_ru, c.tags, "
            "c.modified FROM case_search_fts f JOIN case_search s ON s.rowid = f.rowid "
            "JOIN cases c ON c.id = s.case_id WHERE case_search_fts MATCH ? "
            "ORDER BY f.rank LIMIT ?", [match, limit])
        return [_summary(r) for r in rows]

    def get(self, code: str) -> Case:
        row = self._row("SELECT * FROM cases WHERE code = ?", [code])
        if row is None:
            raise NotFound(f"no case with code {code!r} in {self.path or 'the library'}")
        cid = row["id"]
        lists = {name: [unflatten(kind, r) for r in self._children(name, cid)]
                 for name, kind in CHILD_TABLES}
        return Case(
            code=row["code"],
            title=Text(row["title_en"], row["title_ru"]),
            tags=json.loads(row["tags"]),
            patient=unflatten(Patient, row),
            diagnosis=unflatten(Diagnosis, row, prefix="dx_"),
            pet_studies=[self._study(r) for r in self._children("pet_studies", cid)],
            sections={k: Text(**v) for k, v in json.loads(row["sections"]).items()},
            references=json.loads(row["refs"]),
            consent=None if row["consent"] is None else bool(row["consent"]),
            **lists,
        )

    def _study(self, row: dict) -> PetStudy:
        lesions = [unflatten(Lesion, r) for r in self.db.query(
            "SELECT * FROM lesions WHERE study_id = ? ORDER BY position", [row["id"]])]
        image = None
        if row["image_id"] is not None:
            img = self._row("SELECT media_type, data FROM images WHERE id = ?", [row["image_id"]])
            image = Image(img["media_type"], bytes(img["data"]))
        return unflatten(PetStudy, row, lesions=lesions, image=image)

    def _children(self, table: str, case_id: int) -> Iterable[dict]:
        return self.db.query(f"SELECT * FROM {table} WHERE case_id = ? ORDER BY position",
                             [case_id])

    def _row(self, sql: str, params: Sequence) -> dict | None:
        return next(iter(self.db.query(sql, params)), None)

    def _id(self, code: str) -> int | None:
        row = self.db.execute("SELECT id FROM cases WHERE code = ?", [code]).fetchone()
        return row[0] if row else None

    # --- writing ---------------------------------------------------------------
    def add(self, case: Case) -> None:
        """Add a new case; a code already in the library is refused."""
        with self._write():
            if self._id(case.code) is not None:
                raise DuplicateCode(f"a case with code {case.code!r} is already in the library")
            self._insert(case)

    def save(self, case: Case, *, code: str | None = None) -> None:
        """Replace the case stored under ``code`` (default: ``case.code``) with ``case``,
        in one transaction. Renaming to a code in use is refused."""
        old = code or case.code
        with self._write():
            cid = self._id(old)
            if cid is None:
                raise NotFound(f"no case with code {old!r} to save over")
            if case.code != old and self._id(case.code) is not None:
                raise DuplicateCode(f"a case with code {case.code!r} is already in the library")
            self.db.execute("DELETE FROM cases WHERE id = ?", [cid])
            self._insert(case, cid)
            self._drop_orphan_images()

    def put(self, case: Case, *, replace: bool = False) -> None:
        """Add, or with ``replace`` overwrite a case of the same code."""
        if replace and case.code in self:
            self.save(case)
        else:
            self.add(case)

    def delete(self, code: str) -> None:
        with self._write():
            cur = self.db.execute("DELETE FROM cases WHERE code = ?", [code])
            if cur.rowcount == 0:
                raise NotFound(f"no case with code {code!r} to delete")
            self._drop_orphan_images()

    def _insert(self, case: Case, case_id: int | None = None) -> int:
        row = {"id": case_id, "code": case.code, "title_en": case.title.en,
               "title_ru": case.title.ru, "tags": json.dumps(case.tags, ensure_ascii=False),
               **flatten(case.patient), **flatten(case.diagnosis, prefix="dx_"),
               "sections": json.dumps({k: v.to_dict() for k, v in case.sections.items()},
                                      ensure_ascii=False),
               "refs": json.dumps(case.references, ensure_ascii=False),
               "consent": None if case.consent is None else int(case.consent),
               "modified": datetime.now(UTC).isoformat(timespec="seconds")}
        cid = self._insert_row("cases", row)
        for table, _ in CHILD_TABLES:
            items = getattr(case, table)
            self._insert_many(table, [{"case_id": cid, "position": i, **flatten(x)}
                                      for i, x in enumerate(items)])
        for i, study in enumerate(case.pet_studies):
            sid = self._insert_row("pet_studies", {
                "case_id": cid, "position": i, "image_id": self._image_id(study.image),
                **flatten(study)})
            self._insert_many("lesions", [{"study_id": sid, "position": j, **flatten(x)}
                                          for j, x in enumerate(study.lesions)])
        self._insert_row("case_search", {"case_id": cid, **search_row(case)})
        return cid

    def _insert_row(self, table: str, row: dict) -> int:
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        cur = self.db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        return cur.lastrowid

    def _insert_many(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        cols = ", ".join(f'"{c}"' for c in rows[0])
        marks = ", ".join("?" for _ in rows[0])
        self.db.conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                                 [list(r.values()) for r in rows])

    def _image_id(self, image: Image | None) -> int | None:
        if image is None:
            return None
        digest = hashlib.sha256(image.data).hexdigest()
        self.db.execute("INSERT OR IGNORE INTO images (sha256, media_type, data) VALUES (?, ?, ?)",
                        [digest, image.media_type, image.data])
        return self.db.execute("SELECT id FROM images WHERE sha256 = ?", [digest]).fetchone()[0]

    def _drop_orphan_images(self) -> None:
        self.db.execute("DELETE FROM images WHERE id NOT IN "
                        "(SELECT image_id FROM pet_studies WHERE image_id IS NOT NULL)")

    # --- files -----------------------------------------------------------------
    def import_files(self, paths: Sequence[str | Path], *, replace: bool = False,
                     make_backup: bool | None = None) -> ImportReport:
        """Import case files, each all or nothing; a bad file is reported, not fatal.

        More than one file into a non-empty library is a bulk import: the database is
        backed up first (``make_backup`` forces or skips that).
        """
        report = ImportReport()
        bulk = len(paths) > 1 and len(self) > 0
        if (bulk if make_backup is None else make_backup) and self.path is not None:
            report.backup = backup.make(self.db, self.path, "before-import")
        for start in range(0, len(paths), IMPORT_BATCH):
            with self._write():  # one commit per batch; each file is its own savepoint
                for path in paths[start:start + IMPORT_BATCH]:
                    self._import_one(Path(path), replace, report)
        return report

    def _import_one(self, path: Path, replace: bool, report: ImportReport) -> None:
        try:
            case = casefile.load(path)
            if not replace and case.code in self:
                raise CaseFileError(f"a case with code {case.code!r} is already in the "
                                    "library (use --replace to overwrite it)",
                                    source=str(path), path="case.code")
            self.put(case, replace=replace)
        except CaseFileError as e:
            report.failed.append(e)
        except (DuplicateCode, StoreError) as e:
            report.failed.append(CaseFileError(str(e), source=str(path)))
        else:
            report.imported.append(case.code)

    def export_file(self, code: str, path: str | Path) -> Path:
        return casefile.dump(self.get(code), path)

    # --- health ----------------------------------------------------------------
    def check(self) -> list[str]:
        """Integrity problems in plain words; an empty list means the library is sound."""
        problems = [f"SQLite integrity: {r[0]}" for r in self.db.execute("PRAGMA integrity_check")
                    if r[0] != "ok"]
        problems += [f"broken link in table {r[0]} (row {r[1]}) to {r[2]}"
                     for r in self.db.execute("PRAGMA foreign_key_check")]
        with contextlib.suppress(sqlite3.DatabaseError):
            self.db.execute("INSERT INTO case_search_fts(case_search_fts, rank) "
                            "VALUES ('integrity-check', 1)")
        for code in self.codes():
            try:
                casefile.from_document(casefile.to_document(self.get(code)), source=code)
            except (CaseFileError, ValueError) as e:
                problems.append(f"case {code}: {e}")
        return problems


def _summary(r: Sequence) -> CaseSummary:
    return CaseSummary(r[0], Text(r[1], r[2]), Text(r[3], r[4]), tuple(json.loads(r[5])), r[6])


def _refuse_foreign_file(path: Path) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise StoreError(f"{path} cannot be read: {e.strerror or e}") from None
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a Case Presenter library (not an SQLite database, "
                         "or damaged); it was not changed.")


def _explain(path: Path | None, e: sqlite3.DatabaseError) -> str:
    where = str(path) if path else "the library"
    msg = str(e)
    if "locked" in msg or "busy" in msg:
        return f"{where} is in use by another program or copy of Case Presenter: {msg}"
    if "readonly" in msg:
        return f"{where} is read-only; changes cannot be saved: {msg}"
    if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
        return (f"{where} is damaged ({msg}); it was not changed. Restore a backup from "
                f"{backup.folder(path) if path else 'the backup folder'}.")
    return f"{where}: database error: {msg}"
