"""Importing case files (issue 17): ``Store.import_files`` beside a bare ``sqlite3`` +
FTS5 program storing the same documents, measured in the same run, interleaved.

    .venv/bin/python bench/baseline_import.py [N] [RUNS]     (N files, 10,000; best of 3)

The bare program reads each file, ``json.loads`` it and inserts the case's main columns,
its child rows (therapies, events, measurements, PET studies, lesions) and its text
(titles, every note and label, the sections; English and Russian) into an FTS5 table,
all in one transaction. It checks nothing: the difference is what Case Presenter adds —
the strict reader, value mapping, stems, revisions, sync marks and the list index.

Case Presenter is timed as a user gets it: the library opened, the files imported, the
library closed; "into a library" opens one holding the seed cases, so the pre-import
backup is made as it would be; "into an empty library" has nothing to back up.

Two floors follow, each beside the same bare figure: what no reader, however fast, could
take away. "Writes alone": the cases read and checked before the clock starts, then
written as an import writes them (rows, search text and stems, 500 a transaction).
"SQL alone": the very statements and values of those writes, recorded beforehand and
replayed into an empty library: SQLite's work for this schema (its full-text index with
stems and prefix indexes, which the search target needs, the list index, the sync marks).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_baselines import row
from bench.synthetic import synthetic_case
from desktop.core import casefile
from desktop.core.store import Store, writes

BARE_SCHEMA = """
CREATE TABLE cases (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, title_en TEXT,
    title_ru TEXT, tags TEXT, sex TEXT, age_at_diagnosis INTEGER, dx_date TEXT,
    dx_name_en TEXT, dx_name_ru TEXT, dx_immunophenotype TEXT, dx_karyotype TEXT,
    dx_molecular TEXT, sections TEXT, refs TEXT, consent INTEGER, modified TEXT);
CREATE TABLE therapies (case_id INTEGER REFERENCES cases(id), position INTEGER,
    name_en TEXT, name_ru TEXT, category TEXT, start TEXT, "end" TEXT, cycles INTEGER,
    response TEXT, note_en TEXT, note_ru TEXT, ongoing INTEGER);
CREATE TABLE events (case_id INTEGER REFERENCES cases(id), position INTEGER, date TEXT,
    type TEXT, label_en TEXT, label_ru TEXT, site TEXT, note_en TEXT, note_ru TEXT);
CREATE TABLE measurements (case_id INTEGER REFERENCES cases(id), position INTEGER,
    date TEXT, kind TEXT, value REAL, unit TEXT, result TEXT, note_en TEXT, note_ru TEXT);
CREATE TABLE pet_studies (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases(id),
    position INTEGER, date TEXT, label_en TEXT, label_ru TEXT, deauville TEXT);
CREATE TABLE lesions (study_id INTEGER REFERENCES pet_studies(id), position INTEGER,
    id TEXT, site_en TEXT, site_ru TEXT, sul_max REAL, sul_peak REAL, suv_max REAL);
CREATE INDEX therapies_case ON therapies(case_id);
CREATE INDEX events_case ON events(case_id);
CREATE INDEX measurements_case ON measurements(case_id);
CREATE INDEX pet_studies_case ON pet_studies(case_id);
CREATE INDEX lesions_study ON lesions(study_id);
CREATE VIRTUAL TABLE search USING fts5(code, title, body_en, body_ru,
    tokenize = 'unicode61 remove_diacritics 2');
"""


def make_files(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    return [casefile.dump(synthetic_case(i, rng), folder / f"c{i}.case.json") for i in range(n)]


def _t(d: dict | None) -> tuple:
    return (d.get("en"), d.get("ru")) if d else (None, None)


def bare_import(files: list[Path], db: Path) -> None:
    """The minimal program: read, ``json.loads``, insert rows and text, one transaction."""
    conn = sqlite3.connect(db)
    conn.executescript(BARE_SCHEMA)
    with conn:
        for path in files:
            c = json.loads(path.read_bytes())["case"]
            pt, dx = c.get("patient") or {}, c.get("diagnosis") or {}
            cid = conn.execute(
                "INSERT INTO cases VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "datetime('now'))",
                (c["code"], *_t(c.get("title")), json.dumps(c.get("tags"), ensure_ascii=False),
                 pt.get("sex"), pt.get("age_at_diagnosis"), dx.get("date"), *_t(dx.get("name")),
                 dx.get("immunophenotype"), dx.get("karyotype"), dx.get("molecular"),
                 json.dumps(c.get("sections"), ensure_ascii=False),
                 json.dumps(c.get("references"), ensure_ascii=False), c.get("consent")),
            ).lastrowid
            texts = [c.get("title"), dx.get("name"), dx.get("note")]
            therapies = c.get("therapies") or []
            conn.executemany("INSERT INTO therapies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (cid, i, *_t(t["name"]), t["category"], t.get("start"), t.get("end"),
                 t.get("cycles"), t.get("response"), *_t(t.get("note")), t.get("ongoing"))
                for i, t in enumerate(therapies)])
            events = c.get("events") or []
            conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (cid, i, e["date"], e["type"], *_t(e.get("label")), e.get("site"),
                 *_t(e.get("note"))) for i, e in enumerate(events)])
            measurements = c.get("measurements") or []
            conn.executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (cid, i, m["date"], m["kind"], m.get("value"), m.get("unit"), m.get("result"),
                 *_t(m.get("note"))) for i, m in enumerate(measurements)])
            for i, s in enumerate(c.get("pet_studies") or []):
                sid = conn.execute("INSERT INTO pet_studies VALUES (NULL, ?, ?, ?, ?, ?, ?)",
                                   (cid, i, s["date"], *_t(s.get("label")),
                                    s.get("deauville"))).lastrowid
                lesions = s.get("lesions") or []
                conn.executemany("INSERT INTO lesions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                    (sid, j, x["id"], *_t(x.get("site")), x.get("sul_max"), x.get("sul_peak"),
                     x.get("suv_max")) for j, x in enumerate(lesions)])
                texts += [s.get("label"), s.get("note")] + [x.get("site") for x in lesions]
            for t in therapies:
                texts += [t["name"], t.get("note")]
            for e in events:
                texts += [e.get("label"), e.get("note")]
            texts += list((c.get("sections") or {}).values())
            pairs = [_t(x) for x in texts]
            conn.execute("INSERT INTO search VALUES (?, ?, ?, ?)", (
                c["code"], " ".join(x for x in _t(c.get("title")) if x),
                "\n".join(en for en, _ in pairs if en), "\n".join(ru for _, ru in pairs if ru)))
    conn.close()


def ours_import(files: list[Path], db: Path) -> float:
    t = time.perf_counter()
    with Store.open(db, seed=False) as store:
        report = store.import_files(files)
    took = time.perf_counter() - t
    assert len(report.imported) == len(files) and not report.failed, report.failed[:3]
    return took


def writes_alone(cases: list, db: Path) -> float:
    """Seconds to write ``cases`` (already read) as ``import_files`` writes them."""
    with Store.open(db, seed=False) as store:
        t = time.perf_counter()
        for start in range(0, len(cases), 500):
            with store._write():  # the import's transaction, without its reading
                for case in cases[start:start + 500]:
                    writes.insert_case(store.db.conn, case, None, 1)
        return time.perf_counter() - t


class _Recorder:
    """A connection that notes each statement and its values as it runs them."""

    def __init__(self, conn: sqlite3.Connection, into: list) -> None:
        self.conn, self.into = conn, into

    def execute(self, sql: str, values=()):
        self.into.append((False, sql, list(values)))
        return self.conn.execute(sql, values)

    def executemany(self, sql: str, rows):
        rows = list(rows)
        self.into.append((True, sql, rows))
        return self.conn.executemany(sql, rows)


def recorded_writes(cases: list, db: Path) -> list[list]:
    """The statements of writing each case into an empty library, case by case (ids
    come out the same when they are replayed, in order, into another empty one)."""
    per_case: list[list] = []
    with Store.open(db, seed=False) as store, store._write():
        for case in cases:
            per_case.append([])
            writes.insert_case(_Recorder(store.db.conn, per_case[-1]), case, None, 1)
    return per_case


def sql_alone(per_case: list[list], db: Path) -> float:
    with Store.open(db, seed=False) as store:
        conn = store.db.conn
        t = time.perf_counter()
        for start in range(0, len(per_case), 500):
            with store._write():
                for statements in per_case[start:start + 500]:
                    for many, sql, values in statements:
                        (conn.executemany if many else conn.execute)(sql, values)
        return time.perf_counter() - t


def _clean(db: Path) -> None:
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    shutil.rmtree(db.with_name(db.name + ".backups"), ignore_errors=True)


def run(folder: Path, n: int = 10_000, runs: int = 3) -> None:
    files = make_files(folder / "import-files", n)
    seeded = folder / "seeded.db"
    Store.open(seeded).close()
    db = folder / "import.db"
    cases = [casefile.load(f) for f in files]
    _clean(db)
    statements = recorded_writes(cases, db)
    times: dict[str, list[float]] = {"bare": [], "seeded": [], "empty": [], "writes": [],
                                     "sql": []}
    for _ in range(runs):  # interleaved, so that a busy moment hits all three alike
        _clean(db)
        t = time.perf_counter()
        bare_import(files, db)
        times["bare"].append(time.perf_counter() - t)
        _clean(db)
        shutil.copy(seeded, db)
        times["seeded"].append(ours_import(files, db))
        _clean(db)
        times["empty"].append(ours_import(files, db))
        _clean(db)
        times["writes"].append(writes_alone(cases, db))
        _clean(db)
        times["sql"].append(sql_alone(statements, db))
    _clean(db)
    bare = min(times["bare"])
    row(f"import {n:,} files into a library (backup)", min(times["seeded"]), bare, target=1.5)
    row(f"import {n:,} files into an empty library", min(times["empty"]), bare, target=1.5)
    row("  floor: writes alone (files read before)", min(times["writes"]), bare)
    row("  floor: SQL alone (statements made before)", min(times["sql"]), bare)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp), *(int(a) for a in sys.argv[1:3]))
