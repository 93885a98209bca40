"""The schema as a list of migrations, each a small function recorded in ``user_version``.

Append, never edit: a database at version N runs migrations N+1… in order, each in
its own transaction, after a backup of the file (see ``Store.open``).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.store.db import Db

#: 'CASE' — marks a SQLite file as a Case Presenter library.
APPLICATION_ID = 0x43415345

FTS_COLUMNS = ["code", "title", "body_en", "body_ru", "notation", "stems"]
#: Prefix lengths (characters) the full-text index prepares: the library window searches
#: words of three letters and more as they are typed; longer prefixes seldom begin more
#: than one or two indexed words (costing no merge).
SEARCH_PREFIXES = "3 4 5 6 7 8"


def _v1_initial(db: Db) -> None:
    db.execute("""
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            title_en TEXT, title_ru TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            sex TEXT, age_at_diagnosis INTEGER, initials TEXT, record_number TEXT,
            birth_date TEXT, weight_kg REAL, height_cm REAL,
            dx_date TEXT, dx_name_en TEXT, dx_name_ru TEXT, dx_immunophenotype TEXT,
            dx_karyotype TEXT, dx_molecular TEXT, dx_note_en TEXT, dx_note_ru TEXT,
            sections TEXT NOT NULL DEFAULT '{}',
            refs TEXT NOT NULL DEFAULT '[]',
            consent INTEGER,
            modified TEXT NOT NULL
        )""")
    child = "case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, " \
            "position INTEGER NOT NULL"
    db.execute(f"""CREATE TABLE findings ({child}, date TEXT, kind TEXT NOT NULL,
        value TEXT NOT NULL, note_en TEXT, note_ru TEXT)""")
    db.execute(f"""CREATE TABLE therapies ({child}, name_en TEXT, name_ru TEXT,
        category TEXT NOT NULL, start TEXT, "end" TEXT, cycles INTEGER, response TEXT,
        note_en TEXT, note_ru TEXT, ongoing INTEGER NOT NULL DEFAULT 0)""")
    db.execute(f"""CREATE TABLE events ({child}, date TEXT NOT NULL, type TEXT NOT NULL,
        label_en TEXT, label_ru TEXT, site TEXT, note_en TEXT, note_ru TEXT)""")
    db.execute(f"""CREATE TABLE measurements ({child}, date TEXT NOT NULL, kind TEXT NOT NULL,
        value REAL, unit TEXT, result TEXT, note_en TEXT, note_ru TEXT)""")
    db.execute("""CREATE TABLE images (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE,
        media_type TEXT NOT NULL, data BLOB NOT NULL)""")
    db.execute(f"""CREATE TABLE pet_studies (id INTEGER PRIMARY KEY, {child}, date TEXT NOT NULL,
        label_en TEXT, label_ru TEXT, liver_sul_mean REAL, liver_sul_sd REAL,
        liver_suv_max REAL, mediastinum_suv_max REAL, new_lesions INTEGER,
        visual_response TEXT, deauville TEXT, note_en TEXT, note_ru TEXT,
        image_id INTEGER REFERENCES images(id))""")
    db.execute("""CREATE TABLE lesions (
        study_id INTEGER NOT NULL REFERENCES pet_studies(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, id TEXT NOT NULL, site_en TEXT, site_ru TEXT,
        sul_max REAL, sul_peak REAL, suv_max REAL, UNIQUE (study_id, id))""")
    for table in ("findings", "therapies", "events", "measurements", "pet_studies"):
        db.execute(f"CREATE INDEX {table}_case ON {table}(case_id, position)")
    db.execute("CREATE INDEX lesions_study ON lesions(study_id, position)")
    db.execute("CREATE INDEX pet_studies_image ON pet_studies(image_id)")
    db.execute("""CREATE TABLE case_search (case_id INTEGER PRIMARY KEY
        REFERENCES cases(id) ON DELETE CASCADE, code TEXT, title TEXT, body_en TEXT,
        body_ru TEXT, notation TEXT)""")
    db["case_search"].enable_fts(FTS_COLUMNS[:5], create_triggers=True,
                                 tokenize="unicode61 remove_diacritics 2")


def _v2_revisions(db: Db) -> None:
    """Each case counts its saves: a save names the revision it started from, and a save
    over a newer one is refused (optimistic concurrency; sync uses the same counter)."""
    db.execute("ALTER TABLE cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")


def _v3_stems(db: Db) -> None:
    """The index holds the stems of each case's words too (English and Russian)."""
    from desktop.core.store.search import stems_of

    table = db["case_search"]
    table.disable_fts()
    db.execute("ALTER TABLE case_search ADD COLUMN stems TEXT")
    rows = db.execute("SELECT case_id, title, body_en, body_ru FROM case_search").fetchall()
    db.conn.executemany("UPDATE case_search SET stems = ? WHERE case_id = ?", [
        (stems_of({"title": t, "body_en": en, "body_ru": ru}), cid) for cid, t, en, ru in rows])
    table.enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def _v4_series(db: Db) -> None:
    """Saved case series: a name, a bilingual title, the codes in order and how they are
    aligned, ranked and filtered (``store.series``)."""
    db.execute("""CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
        title_en TEXT, title_ru TEXT, codes TEXT NOT NULL DEFAULT '[]',
        anchor TEXT NOT NULL, rank TEXT NOT NULL DEFAULT 'code', track TEXT,
        filters TEXT NOT NULL DEFAULT '{}', modified TEXT NOT NULL)""")


def _v5_list_index(db: Db) -> None:
    """The library list reads only this index, never the rows (whose large text would
    make it walk overflow pages)."""
    db.execute("CREATE INDEX cases_list ON cases (code COLLATE NOCASE, title_en, title_ru, "
               "dx_name_en, dx_name_ru, tags, modified)")


def _v6_lymphoma(db: Db) -> None:
    """The diagnosis's stage, IPI and cell of origin (lymphoma); null in older cases."""
    for column in ("dx_stage TEXT", "dx_ipi INTEGER", "dx_cell_of_origin TEXT"):
        db.execute(f"ALTER TABLE cases ADD COLUMN {column}")


def _v7_sync(db: Db) -> None:
    """Sync with a department library: for each code, the department's revision at the
    last sync and whether the case changed here since. Triggers keep ``changed`` on every
    write (save, rename, import, delete), and a row whose case is gone is the tombstone
    of a deletion, remembered until a sync carries it (``desktop/core/sync``)."""
    db.execute("""CREATE TABLE sync_state (code TEXT PRIMARY KEY,
        synced_revision INTEGER, changed INTEGER NOT NULL DEFAULT 1)""")
    db.execute("INSERT INTO sync_state (code) SELECT code FROM cases")
    mark = ("INSERT INTO sync_state (code) VALUES ({0}.code) "
            "ON CONFLICT (code) DO UPDATE SET changed = 1;")
    db.execute(f"CREATE TRIGGER cases_sync_insert AFTER INSERT ON cases BEGIN "
               f"{mark.format('NEW')} END")
    db.execute(f"CREATE TRIGGER cases_sync_delete AFTER DELETE ON cases BEGIN "
               f"{mark.format('OLD')} END")
    db.execute(f"CREATE TRIGGER cases_sync_update AFTER UPDATE ON cases BEGIN "
               f"{mark.format('OLD')} {mark.format('NEW')} END")


def _v8_pet_criteria(db: Db) -> None:
    """Each case names the PET response criteria of its disease (``auto`` | ``lugano`` |
    ``percist``, core.pet.verdict)."""
    db.execute("ALTER TABLE cases ADD COLUMN pet_criteria TEXT NOT NULL DEFAULT 'auto'")


def _v9_search_prefixes(db: Db) -> None:
    """The full-text index keeps prefix indexes of 3 to 8 characters, so a word typed so
    far reads one prepared list instead of merging the lists of every word it begins
    (tens of milliseconds for a common word at 100,000 cases), and can stop early
    (``Store.search`` ranks a bounded set). Same columns, tokenizer and content table,
    so the triggers on ``case_search`` stay as they are; the index is rebuilt from it."""
    db.execute("DROP TABLE case_search_fts")
    columns = ", ".join(f'"{c}"' for c in FTS_COLUMNS)
    db.execute(f"""CREATE VIRTUAL TABLE case_search_fts USING FTS5 ({columns},
        tokenize='unicode61 remove_diacritics 2', content="case_search",
        prefix='{SEARCH_PREFIXES}')""")
    db.execute("INSERT INTO case_search_fts(case_search_fts) VALUES ('rebuild')")


MIGRATIONS: list[Callable[[Db], None]] = [_v1_initial, _v2_revisions, _v3_stems,
                                          _v4_series, _v5_list_index, _v6_lymphoma,
                                          _v7_sync, _v8_pet_criteria, _v9_search_prefixes]
SCHEMA_VERSION = len(MIGRATIONS)
