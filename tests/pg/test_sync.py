"""Sync between laptops' library files and the department library (issue 19)."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from desktop.core.errors import StoreError
from desktop.core.model import Text
from desktop.core.store import Store
from desktop.core.store.postgres import PgStore
from desktop.core.sync import sync
from tests.conftest import make_case

SEEDS = ["BALL-EM-1", "BALL-EM-2"]


def retitle(store, code: str, en: str) -> None:
    case = store.get(code)
    store.save(dataclasses.replace(case, title=Text(en, case.title.ru)))


def title(store, code: str) -> str:
    return store.get(code).title.en


@pytest.fixture
def two_laptops(tmp_path, department):
    """Laptop A sent the seed cases; laptop B (empty) fetched them."""
    a, b = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db", seed=False)
    dept = department.open()
    first = sync(a, dept)
    assert sorted(first.sent) == SEEDS and not first.conflicts
    assert sorted(sync(b, dept).fetched) == SEEDS
    yield a, b, dept
    for s in (a, b, dept):
        s.close()


def test_changes_travel_both_ways_and_a_second_sync_does_nothing(two_laptops):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "Edited on A")
    b.add(make_case("NEW-B"))
    assert sync(a, dept).sent == ["BALL-EM-1"]
    report = sync(b, dept)
    assert report.fetched == ["BALL-EM-1"] and report.sent == ["NEW-B"]
    assert title(b, "BALL-EM-1") == "Edited on A" and title(dept, "BALL-EM-1") == "Edited on A"
    assert sync(a, dept).fetched == ["NEW-B"] and a.get("NEW-B") == make_case("NEW-B")
    for lib in (a, b):
        again = sync(lib, dept)
        assert (again.sent, again.fetched, again.conflicts) == ([], [], [])


def test_deletions_travel_both_ways(two_laptops):
    a, b, dept = two_laptops
    a.delete("BALL-EM-1")
    assert sync(a, dept).deleted_there == ["BALL-EM-1"] and "BALL-EM-1" not in dept
    assert sync(b, dept).deleted_here == ["BALL-EM-1"] and "BALL-EM-1" not in b
    dept.delete("BALL-EM-2")  # deleted in the department, e.g. by another editor's window
    assert sync(a, dept).deleted_here == ["BALL-EM-2"] and len(a) == 0
    assert a.db.execute("SELECT count(*) FROM sync_state").fetchone()[0] == 0


def test_a_deleted_case_is_remembered_until_synced(two_laptops, tmp_path):
    a, _, dept = two_laptops
    a.delete("BALL-EM-2")
    a.close()
    reopened = Store.open(tmp_path / "a.db")
    assert sync(reopened, dept).deleted_there == ["BALL-EM-2"]
    reopened.close()


def test_a_case_changed_on_both_sides_is_a_conflict_and_nothing_is_overwritten(two_laptops):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "A's version")
    retitle(b, "BALL-EM-1", "B's version")
    sync(a, dept)
    report = sync(b, dept)
    assert [c.code for c in report.conflicts] == ["BALL-EM-1"] and not report.sent
    assert "--resolve BALL-EM-1=mine|theirs|both" in str(report.conflicts[0])
    assert title(b, "BALL-EM-1") == "B's version" and title(dept, "BALL-EM-1") == "A's version"
    assert [c.code for c in sync(b, dept).conflicts] == ["BALL-EM-1"]  # until resolved


def test_keep_mine(two_laptops):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "A's version")
    retitle(b, "BALL-EM-1", "B's version")
    sync(a, dept)
    report = sync(b, dept, resolve={"BALL-EM-1": "mine"})
    assert report.resolved == [("BALL-EM-1", "mine", None)] and not report.conflicts
    assert title(dept, "BALL-EM-1") == "B's version"
    assert sync(a, dept).fetched == ["BALL-EM-1"] and title(a, "BALL-EM-1") == "B's version"


def test_keep_theirs(two_laptops):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "A's version")
    retitle(b, "BALL-EM-1", "B's version")
    sync(a, dept)
    sync(b, dept, resolve={"BALL-EM-1": "theirs"})
    assert title(b, "BALL-EM-1") == "A's version" == title(dept, "BALL-EM-1")
    again = sync(b, dept)
    assert (again.sent, again.fetched, again.conflicts) == ([], [], [])


def test_keep_both_under_a_new_code(two_laptops):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "A's version")
    retitle(b, "BALL-EM-1", "B's version")
    sync(a, dept)
    report = sync(b, dept, resolve={"BALL-EM-1": "both"})
    assert report.resolved == [("BALL-EM-1", "both", "BALL-EM-1-2")]
    for lib in (b, dept):
        assert title(lib, "BALL-EM-1") == "A's version"
        assert title(lib, "BALL-EM-1-2") == "B's version"
    assert sync(a, dept).fetched == ["BALL-EM-1-2"]
    again = sync(b, dept)
    assert (again.sent, again.fetched, again.conflicts) == ([], [], [])


def test_deleted_here_changed_there_is_a_conflict_too(two_laptops):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-2", "Still needed")
    sync(a, dept)
    b.delete("BALL-EM-2")
    report = sync(b, dept)
    assert str(report.conflicts[0]).startswith("BALL-EM-2: deleted here and changed")
    assert title(dept, "BALL-EM-2") == "Still needed"
    sync(b, dept, resolve={"BALL-EM-2": "theirs"})  # restores it here
    assert title(b, "BALL-EM-2") == "Still needed"
    b.delete("BALL-EM-2")
    retitle(a, "BALL-EM-2", "Changed again")
    sync(a, dept)
    assert sync(b, dept, resolve={"BALL-EM-2": "mine"}).resolved
    assert "BALL-EM-2" not in dept
    assert sync(a, dept).deleted_here == ["BALL-EM-2"]


def test_the_same_case_added_on_both_sides_is_no_conflict(two_laptops):
    a, b, dept = two_laptops
    a.add(make_case("TWIN"))
    b.add(make_case("TWIN"))
    sync(a, dept)
    report = sync(b, dept)
    assert not report.conflicts and not report.sent and not report.fetched


def test_a_sync_stopped_after_writing_there_is_completed_without_conflict(two_laptops):
    """The state a kill leaves between the department's commit and the laptop's note."""
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "Sent, not noted")
    case, _ = a.load("BALL-EM-1")
    dept.save(case, base_revision=dept.revision("BALL-EM-1"))  # as the push does
    a.add(make_case("NEW-A"))
    dept.add(a.get("NEW-A"))
    a.delete("BALL-EM-2")
    dept.delete("BALL-EM-2")
    report = sync(a, dept)
    assert not report.conflicts and not report.sent and not report.deleted_there
    again = sync(a, dept)
    assert (again.sent, again.fetched, again.conflicts) == ([], [], [])
    assert sorted(sync(b, dept).fetched) == ["BALL-EM-1", "NEW-A"]


def test_a_lost_connection_stops_the_sync_and_the_next_one_finishes_it(two_laptops,
                                                                        department):
    a, b, _ = two_laptops
    dept = PgStore.open(department.url(), timeout=1)
    for i in range(6):
        a.add(make_case(f"BATCH-{i}"))
    seen = []

    def cut_after_three(done, total, code, what):
        seen.append(code)
        if done == 3:  # the network goes: the role may no longer log in, sessions end
            department.admin("ALTER ROLE ivanova NOLOGIN")  # committed before sessions end
            department.admin("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                             "WHERE usename = 'ivanova'")

    with pytest.raises(StoreError, match="sync stopped at case BATCH-3") as e:
        sync(a, dept, progress=cut_after_three)
    assert "run sync again" in str(e.value) and "physician-password" not in str(e.value)
    department.admin("ALTER ROLE ivanova LOGIN")
    dept.close()  # the next sync is a new run, as a user starts it when the network is back
    dept = PgStore.open(department.url())
    assert a.check() == [] and dept.check() == [] and len(dept) == 5
    report = sync(a, dept)
    assert report.sent == ["BATCH-3", "BATCH-4", "BATCH-5"] and not report.conflicts
    assert sorted(sync(b, dept).fetched) == [f"BATCH-{i}" for i in range(6)]
    dept.close()


def test_a_progress_callback_sees_every_case(two_laptops):
    a, _, dept = two_laptops
    for code in ("P-1", "P-2"):
        a.add(make_case(code))
    calls = []
    sync(a, dept, progress=lambda *args: calls.append(args))
    assert calls == [(1, 2, "P-1", "send"), (2, 2, "P-2", "send")]


def test_a_cancelled_sync_stops_between_cases_and_the_next_one_finishes(two_laptops):
    a, _, dept = two_laptops
    for code in ("C-1", "C-2", "C-3"):
        a.add(make_case(code))
    cancel = threading.Event()
    report = sync(a, dept, cancel=cancel,
                  progress=lambda done, *_: cancel.set() if done == 1 else None)
    assert report.cancelled and report.sent == ["C-1"] and dept.codes()[-1] == "C-1"
    assert sync(a, dept).sent == ["C-2", "C-3"]


def test_a_reader_fetches_and_holds_local_changes(two_laptops, department):
    a, b, dept = two_laptops
    retitle(a, "BALL-EM-1", "From an editor")
    sync(a, dept)
    retitle(b, "BALL-EM-2", "Resident's note")
    with department.open("resident1") as reader:
        assert reader.readonly
        report = sync(b, reader)
    assert report.fetched == ["BALL-EM-1"] and report.held == ["BALL-EM-2"]
    assert title(dept, "BALL-EM-2") != "Resident's note"
    retitle(a, "BALL-EM-2", "Editor's note")
    sync(a, dept)
    with department.open("resident1") as reader:
        report = sync(b, reader, resolve={"BALL-EM-2": "mine"})
        assert report.held == ["BALL-EM-2"] and title(dept, "BALL-EM-2") == "Editor's note"
        assert sync(b, reader, resolve={"BALL-EM-2": "theirs"}).resolved
    assert title(b, "BALL-EM-2") == "Editor's note"


def test_a_library_of_the_previous_schema_is_upgraded_and_its_cases_are_sent(
        tmp_path, department):
    """A library file written before sync existed (its schema made by the migrations up
    to then, its cases written as that version wrote them) is upgraded and synced."""
    import sqlite3

    from desktop.core.store.db import Db
    from desktop.core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

    before = next(i for i, m in enumerate(MIGRATIONS) if "sync" in m.__name__)
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migrate in MIGRATIONS[:before]:
        migrate(Db(conn))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {before}")
    for code in ("OLD-1", "OLD-2"):
        cid = conn.execute("INSERT INTO cases (code, title_en, title_ru, modified) VALUES "
                           "(?, 'Written before sync', 'До синхронизации', 'x')",
                           [code]).lastrowid
        conn.execute("INSERT INTO case_search (case_id, code, title) VALUES (?, ?, ?)",
                     [cid, code, "Written before sync"])
    conn.close()
    with Store.open(path) as upgraded, department.open() as dept:
        assert upgraded.user_version == SCHEMA_VERSION and len(upgraded) == 2
        upgraded.add(make_case("NEW-1"))
        assert sync(upgraded, dept).sent == ["NEW-1", "OLD-1", "OLD-2"]


def test_a_case_the_rules_refuse_is_reported_and_the_others_are_fetched(department,
                                                                         tmp_path):
    with department.open() as dept:
        for i in range(5):
            dept.add(make_case(f"F-{i}"))
        department.admin("UPDATE cases SET document = replace(document, '\"F-3\"', "
                         "'\"F 3\"') WHERE code = 'F-3'")
        with Store.open(tmp_path / "new.db", seed=False) as laptop:
            report = sync(laptop, dept)
            assert report.fetched == ["F-0", "F-1", "F-2", "F-4"]
            assert len(report.failed) == 1 and report.failed[0].startswith("F-3: ")
            assert "case F-3" in report.failed[0] and laptop.check() == []
            assert sync(laptop, dept).fetched == []  # and it is not half-fetched either
            assert "F-3" not in laptop
