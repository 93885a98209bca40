"""Search finds word forms in both languages and says where it matched (issue 14)."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core import stems
from desktop.core.store import Store, backup
from desktop.core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from desktop.core.store.search import fts_query


@pytest.fixture(scope="module")
def seeded():
    s = Store.open(None)
    yield s
    s.close()


@pytest.mark.parametrize("query", ["рецидивами", "relapsing", "рецидивов", "relapses",
                                   "therapies", "глазной", "костный мозг", "nodes"])
def test_word_forms_find_the_seed_cases(seeded, query):
    assert seeded.search(query), query


def test_prefixes_still_work_as_you_type_and_every_word_must_match(seeded):
    assert {c.code for c in seeded.search("blinat")} == {"BALL-EM-1", "BALL-EM-2"}
    assert seeded.search("молочн")
    assert seeded.search("relapsing zzzunknownword") == []


def test_a_match_shows_where_it_is(seeded):
    hits = seeded.search("рецидивами")
    assert all("**" in h.snippet for h in hits)
    assert any("**рецидив" in h.snippet.lower() for h in hits)


def test_stems_by_script():
    assert stems.stem("рецидивами") == "рецидив" and stems.stem("relapsing") == "relaps"
    assert "глаз" in stems.forms("глазной")
    assert fts_query('a" OR b') == '"a"* AND "or"* AND "b"*' or "OR" not in fts_query("x")


def test_an_old_library_is_upgraded_with_a_backup_and_finds_word_forms(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from sqlite_utils import Database

    MIGRATIONS[0](Database(conn))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO cases (code, title_en, title_ru, modified) VALUES "
                 "('OLD-1', 'Relapse after transplant', 'Рецидивы после ТГСК', 'x')")
    conn.execute("INSERT INTO case_search (case_id, code, title, body_en, body_ru, notation) "
                 "VALUES (1, 'OLD-1', 'Relapse after transplant Рецидивы после ТГСК', '', '', '')")
    conn.close()
    with Store.open(path) as s:
        assert s.user_version == SCHEMA_VERSION
        assert [c.code for c in s.search("relapsing")] == ["OLD-1"]
        assert [c.code for c in s.search("рецидивами")] == ["OLD-1"]
        assert s.revision("OLD-1") == 1
    assert backup.backups(path)
