"""The department library (PostgreSQL) behaves as the library file does (issue 19)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.core import casefile
from desktop.core.errors import Conflict, DuplicateCode, NotFound, StoreError
from desktop.core.library import open_library, where
from desktop.core.model import Text
from desktop.core.paths import seed_files
from desktop.core.store import Store
from desktop.core.store.postgres import PgStore
from desktop.core.store.postgres.schema import SCHEMA_VERSION
from tests.conftest import make_case
from tests.department import make_department


@pytest.fixture
def seeded(department):
    with department.open() as lib:
        report = lib.import_files(seed_files())
        assert report.imported and not report.failed
        yield lib


def test_the_factory_opens_a_url_as_a_department_library_and_a_path_as_a_file(
        department, tmp_path):
    with open_library(department.url()) as lib:
        assert isinstance(lib, PgStore) and not lib.readonly
        assert "physician-password" not in where(lib) and "ivanova:***@" in where(lib)
    with open_library(tmp_path / "a.db", seed=False) as lib:
        assert isinstance(lib, Store) and len(lib) == 0


def test_add_load_save_delete_with_revisions(department):
    with department.open() as lib:
        case = make_case("PG-1")
        assert lib.add(case) == 1
        got, revision = lib.load("PG-1")
        assert got == case and revision == 1 and "PG-1" in lib and len(lib) == 1
        edited = dataclasses.replace(case, title=Text("Edited", "Изменено"))
        assert lib.save(edited, base_revision=1) == 2
        with pytest.raises(Conflict) as e:
            lib.save(case, base_revision=1)
        assert e.value.found == 2 and lib.get("PG-1").title.en == "Edited"
        with pytest.raises(DuplicateCode):
            lib.add(case)
        lib.delete("PG-1", base_revision=2)
        assert lib.revision("PG-1") is None and lib.codes() == []
        with pytest.raises(NotFound):
            lib.get("PG-1")
        # A case added again under a deleted code continues its count of revisions.
        assert lib.add(case) == 3


def test_rename_keeps_one_case_and_refuses_a_code_in_use(department):
    with department.open() as lib:
        lib.add(make_case("A-1"))
        lib.add(make_case("B-1"))
        with pytest.raises(DuplicateCode):
            lib.save(make_case("B-1"), code="A-1")
        assert lib.save(make_case("C-1"), code="A-1") == 2
        assert lib.codes() == ["B-1", "C-1"]


def test_list_is_by_code_without_regard_to_case_and_shows_titles(department):
    with department.open() as lib:
        for code in ("b-2", "A-1", "C-3"):
            lib.add(make_case(code))
        rows = lib.list_cases()
        assert [r.code for r in rows] == ["A-1", "b-2", "C-3"]
        assert rows[0].title.ru.startswith("Рецидив") and rows[0].tags == ("B-ALL",
                                                                           "extramedullary")


def test_every_change_is_one_transaction(department):
    """A failure inside a write leaves nothing of it behind."""
    with department.open() as lib:
        lib.add(make_case("T-1"))
        with pytest.raises(RuntimeError), lib.transaction():
            lib.delete("T-1")
            lib.add(make_case("T-2"))
            raise RuntimeError("stop")
        assert lib.codes() == ["T-1"] and lib.revision("T-1") == 1


def test_import_each_file_all_or_nothing_export_and_check(department, tmp_path):
    good = casefile.dump(make_case("IMP-1"), tmp_path / "good.case.json")
    bad = tmp_path / "bad.case.json"
    bad.write_text('{"code": "IMP-2", "title": 5}', encoding="utf-8")
    with department.open() as lib:
        report = lib.import_files([good, bad])
        assert report.imported == ["IMP-1"] and len(report.failed) == 1
        assert "bad.case.json" in str(report.failed[0]) and lib.codes() == ["IMP-1"]
        again = lib.import_files([good])
        assert again.imported == [] and "--replace" in str(again.failed[0])
        assert lib.import_files([good], replace=True).imported == ["IMP-1"]
        assert lib.revision("IMP-1") == 2
        out = lib.export_file("IMP-1", tmp_path / "out.case.json")
        assert casefile.load(out) == make_case("IMP-1")
        assert lib.check() == []
        department.admin("UPDATE cases SET document = '{\"code\": 1}'")
        problems = lib.check()
        assert len(problems) == 1 and problems[0].startswith("case IMP-1")


@pytest.mark.parametrize(("query", "expected"), [
    ("рецидивами", {"BALL-EM-1", "BALL-EM-2"}),  # «рецидивами» finds «рецидив»
    ("рецидивов", {"BALL-EM-1", "BALL-EM-2"}),
    ("relapsing", {"BALL-EM-1", "BALL-EM-2"}),
    ("therapies", {"BALL-EM-1", "BALL-EM-2"}),
    ("глазной", {"BALL-EM-2"}),
    ("blinat", {"BALL-EM-1", "BALL-EM-2"}),  # a prefix, as you type
    ("молочн", {"BALL-EM-1", "BALL-EM-2"}),
    ("relapsing zzzunknownword", set()),  # every word must match
    ("ball-em", {"BALL-EM-1", "BALL-EM-2"}),  # codes, without regard to case
    ("CD22", {"BALL-EM-1", "BALL-EM-2"}),
])
def test_search_in_both_languages_with_word_forms(seeded, query, expected):
    assert {h.code for h in seeded.search(query)} == expected


def test_search_finds_what_the_library_file_finds(seeded):
    local = Store.open(None)
    for query in ("рецидивами", "relapses", "костный мозг", "nodes", "blinat", "breast",
                  "инотузумаб", "eye", "remission marrow", "46,XX"):
        assert ({h.code for h in seeded.search(query)}
                == {h.code for h in local.search(query)}), query


def test_a_match_shows_where_it_is_and_an_empty_query_lists_all(seeded):
    hits = seeded.search("рецидивами")
    assert hits and all("**" in h.snippet for h in hits)
    assert any("**рецидив" in h.snippet.lower() for h in hits)
    assert [h.code for h in seeded.search("  ")] == ["BALL-EM-1", "BALL-EM-2"]
    assert seeded.search("zzz' | !:* & (") == []  # typed punctuation is not query syntax


def test_search_index_follows_saves_and_deletes(seeded):
    case = seeded.get("BALL-EM-1")
    seeded.save(dataclasses.replace(case, title=Text("Zebrafish model", "Модель аксолотля")))
    assert [h.code for h in seeded.search("zebrafis")] == ["BALL-EM-1"]
    assert [h.code for h in seeded.search("аксолотлями")] == ["BALL-EM-1"]
    seeded.delete("BALL-EM-1")
    assert seeded.search("zebrafish") == []


def test_a_newer_schema_and_another_programs_database_are_refused(department, pg_server):
    department.admin(f"UPDATE case_presenter SET value = '{SCHEMA_VERSION + 1}' "
                     "WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer version"):
        department.open()
    other = make_department(pg_server)
    other.admin("CREATE TABLE invoices (id int)")
    with pytest.raises(StoreError, match="another program"):
        other.open("case_presenter_owner")


def test_only_the_owner_creates_the_tables(pg_server):
    empty = make_department(pg_server)
    with pytest.raises(StoreError, match="may not create tables") as e:
        empty.open("ivanova")
    assert "docs/department.md" in str(e.value) and "password" not in str(e.value)
    with empty.open("case_presenter_owner") as lib:
        assert lib.user_version == SCHEMA_VERSION and len(lib) == 0
    with empty.open("ivanova") as lib:  # now an editor may work in it
        lib.add(make_case("E-1"))
        assert json.loads(json.dumps(lib.codes())) == ["E-1"]
