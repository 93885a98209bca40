import sqlite3
from dataclasses import replace

import pytest
from sqlite_utils import Database

from desktop.core import casefile
from desktop.core.errors import DuplicateCode, NotFound, StoreError
from desktop.core.model import Text
from desktop.core.store import Store, backup, writes
from desktop.core.store.schema import SCHEMA_VERSION
from tests.conftest import make_case


def test_add_and_get_round_trip(store, case):
    store.add(case)
    assert store.get(case.code) == case
    assert case.code in store and len(store) == 1


def test_images_are_stored_once_and_dropped_with_their_case(store, case):
    store.add(case)
    store.add(make_case("TEST-2"))  # same image bytes
    assert store.db.execute("SELECT count(*) FROM images").fetchone()[0] == 1
    store.delete("TEST-1")
    assert store.db.execute("SELECT count(*) FROM images").fetchone()[0] == 1
    store.delete("TEST-2")
    assert store.db.execute("SELECT count(*) FROM images").fetchone()[0] == 0


def test_duplicate_code_is_refused_and_nothing_changes(store, case):
    store.add(case)
    other = make_case()
    other.title = Text("Other", "Другой")
    with pytest.raises(DuplicateCode):
        store.add(other)
    assert store.get(case.code).title == case.title


def test_save_replaces_children_and_renames(store, case):
    store.add(case)
    case.therapies.pop()
    case.code = "RENAMED"
    store.save(case, code="TEST-1")
    assert store.codes() == ["RENAMED"]
    assert len(store.get("RENAMED").therapies) == 1
    for table in ("therapies", "events", "lesions", "pet_studies"):
        orphans = store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert orphans == len(getattr(store.get("RENAMED"), table, [])) or table == "lesions"


def test_a_failed_save_leaves_the_case_as_it_was(store, case, monkeypatch):
    store.add(case)
    changed = make_case()
    changed.title = Text("Changed", "Изменено")

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(writes, "insert_children", boom)
    with pytest.raises(StoreError, match="disk I/O error"):
        store.save(changed)
    assert store.get(case.code) == case


def test_missing_codes(store):
    with pytest.raises(NotFound):
        store.get("NOPE")
    with pytest.raises(NotFound):
        store.delete("NOPE")


@pytest.mark.parametrize(("query", "found"), [
    ("breast", True), ("молочн", True), ("Блинатумомаб", True), ("blinat", True),
    ("молочной железы", True), ("CD22", True), ("46,XX", True), ("lymphoma", False),
    ("'; DROP TABLE cases; --", False), ('"unbalanced', False), ("NEAR(AND OR)", False),
    ("TEST-1", True), ("рецидив", True), ("relapse", True),
])
def test_full_text_search_in_both_languages(store, case, query, found):
    store.add(case)
    store.add(make_case("OTHER"))
    store.save(make_case("OTHER").__class__(code="OTHER", title=Text("Myeloma", "Миелома")))
    codes = [r.code for r in store.search(query)]
    assert ("TEST-1" in codes) is found


def test_search_index_follows_edits_and_deletes(store, case):
    store.add(case)
    case.title = Text("Hodgkin lymphoma", "Лимфома Ходжкина")
    store.save(case)
    assert [r.code for r in store.search("Ходжкина")] == ["TEST-1"]
    store.delete("TEST-1")
    assert store.search("Hodgkin") == []


def test_empty_query_lists_everything(store, case):
    store.add(case)
    assert [r.code for r in store.search("   ")] == ["TEST-1"]


def test_any_text_is_stored_exactly(store, case):
    huge = ("Ω quote' \"dq\" ; DROP TABLE cases; \n\t 𝔘 ё " * 25_000)[:1_000_000]
    case.sections["presentation"] = Text(huge, huge[::-1])
    store.add(case)
    assert store.get(case.code).sections["presentation"] == Text(huge, huge[::-1])


def test_new_library_is_seeded_with_the_report_cases(db_path):
    with Store.open(db_path) as s:
        assert {"BALL-EM-1", "BALL-EM-2"} <= set(s.codes())
        s.delete("BALL-EM-1")
    with Store.open(db_path) as s:  # deleted examples do not come back
        assert "BALL-EM-1" not in s.codes()


def test_file_library_uses_wal_foreign_keys_and_a_version(db_path):
    with Store.open(db_path, seed=False) as s:
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.user_version == SCHEMA_VERSION


def test_changes_survive_a_reopen(db_path, case):
    with Store.open(db_path, seed=False) as s:
        s.add(case)
    with Store.open(db_path, seed=False) as s:
        assert s.get(case.code) == case


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_file_is_refused_and_left_as_it_was(db_path, content):
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match=r"cases\.db"):
        Store.open(db_path)
    assert db_path.read_bytes() == content


def test_newer_database_is_refused_and_left_as_it_was(db_path):
    with Store.open(db_path, seed=False):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        Store.open(db_path)


def test_migration_backs_up_first(db_path, monkeypatch):
    from desktop.core.store import schema

    with Store.open(db_path, seed=False) as s:
        s.add(make_case())
    added = []
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS,
                                               lambda db: added.append(db)])
    import desktop.core.store as store_module

    monkeypatch.setattr(store_module, "MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(db_path, seed=False) as s:
        assert s.user_version == SCHEMA_VERSION + 1 and added
    copies = backup.backups(db_path)
    assert len(copies) == 1 and "before-migration" in copies[0].name
    old = sqlite3.connect(copies[0])  # the copy is of the file as it was before
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert old.execute("SELECT code FROM cases").fetchall() == [("TEST-1",)]
    old.close()


def test_backups_rotate(db_path):
    with Store.open(db_path, seed=False) as s:
        for i in range(backup.KEEP + 3):
            backup.make(s.db, db_path, f"test{i}")
    assert len(backup.backups(db_path)) == backup.KEEP


def test_bulk_import_backs_up_and_each_file_is_all_or_nothing(db_path, tmp_path):
    good = [casefile.dump(make_case(f"G{i}"), tmp_path / f"g{i}.case.json") for i in range(3)]
    bad = tmp_path / "bad.case.json"
    bad.write_text(casefile.dumps(make_case("BAD")).replace('"sul_max": 11.93', '"sul_max": "x"'))
    with Store.open(db_path, seed=False) as s:
        s.add(make_case("EXISTING"))
        report = s.import_files([good[0], bad, *good[1:]])
        assert report.imported == ["G0", "G1", "G2"]
        assert len(report.failed) == 1 and report.failed[0].source == str(bad)
        assert "sul_max" in str(report.failed[0])
        assert "BAD" not in s
        assert report.backup is not None and report.backup.exists()


def test_import_refuses_duplicates_unless_replace(store, tmp_path, case):
    store.add(case)
    changed = make_case()
    changed.title = Text("New title", "Новое название")
    path = casefile.dump(changed, tmp_path / "c.case.json")
    report = store.import_files([path])
    assert report.imported == [] and "--replace" in str(report.failed[0])
    assert store.get("TEST-1").title == case.title
    assert store.import_files([path], replace=True).imported == ["TEST-1"]
    assert store.get("TEST-1").title == changed.title


def test_check_reports_a_sound_library(store, case):
    store.add(case)
    assert store.check() == []


def test_check_finds_bad_rows(store, case):
    store.add(case)
    store.db.execute("UPDATE events SET date = '2020-13-45' WHERE position = 0")
    problems = store.check()
    assert any("TEST-1" in p and "does not exist" in p for p in problems)


def test_read_only_library_says_so(db_path, case):
    """A file the user may not write (root ignores permissions, so open it read-only)."""
    with Store.open(db_path, seed=False):
        pass
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    s = Store(Database(conn), db_path)
    with pytest.raises(StoreError, match="read-only"):
        s.add(case)
    assert s.codes() == []
    s.close()


def test_a_library_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"the folder .*nowhere does not exist"):
        Store.open(tmp_path / "nowhere" / "cases.db")


def test_a_write_failing_part_way_is_reported_in_order_and_leaves_nothing(
        db_path, tmp_path, monkeypatch):
    """A batch is written without a savepoint per file; when a write fails half-done the
    batch is written again file by file, and the report reads as if it always had been."""
    files = [casefile.dump(make_case(c), tmp_path / f"{c}.case.json")
             for c in ("G0", "HALF", "G1")]
    unreadable = tmp_path / "none.case.json"
    real = writes.insert_children

    def children(conn, case, cid):
        if case.code == "HALF":  # the case row is written, its children fail
            raise sqlite3.OperationalError("disk I/O error")
        real(conn, case, cid)

    monkeypatch.setattr(writes, "insert_children", children)
    with Store.open(db_path, seed=False) as s:
        report = s.import_files([files[0], unreadable, files[1], files[2]])
        assert report.imported == ["G0", "G1"]
        assert [e.source for e in report.failed] == [str(unreadable), str(files[1])]
        assert str(report.failed[1]) == f"{files[1]}: cannot be stored: disk I/O error"
        assert s.codes() == ["G0", "G1"] and s.check() == []
        assert s.db.execute("SELECT count(*) FROM sync_state WHERE code = 'HALF'"
                            ).fetchone()[0] == 0


def test_an_import_that_replaces_a_case_drops_the_image_no_longer_shown(store, tmp_path):
    store.add(make_case())
    plain = make_case()
    plain.pet_studies = [replace(s, image=None) for s in plain.pet_studies]
    report = store.import_files([casefile.dump(plain, tmp_path / "p.case.json")],
                                replace=True)
    assert report.imported == ["TEST-1"] and store.revision("TEST-1") == 2
    assert store.db.execute("SELECT count(*) FROM images").fetchone()[0] == 0
    assert store.get("TEST-1") == plain
