"""Search with prefix indexes and a bounded ranked set finds what the plain query found
(issue 17): the same cases, in the same order, with the same snippets."""

from __future__ import annotations

import random
import sqlite3

import pytest
from sqlite_utils import Database

from bench.bench_baselines import QUERIES
from bench.synthetic import synthetic_case
from desktop.core.store import SNIPPET_COLUMN, Store, search
from desktop.core.store.schema import FTS_COLUMNS, SCHEMA_VERSION
from desktop.core.store.search import fts_query
from tests.conftest import make_case

TYPED = ["blinatumomab", "Inotuzumab", "remission", "рецидивами", "молочная", "иматиниб",
         "ремиссия", "SYN-0042"]
MORE = ["костный мозг", "therapies", "nodes", "глазной", "CD19", "BCR-ABL", "zzz"]


@pytest.fixture(scope="module")
def library():
    """The seed cases and 120 synthetic ones (codes SYN-00000… and SYN-00420…), and
    beside them a plain FTS5 index of the same rows (no prefix indexes), to run the query
    as it was before."""
    store = Store.open(None)
    rng = random.Random(7)
    for i in [*range(110), *range(420, 430)]:
        store.add(synthetic_case(i, rng))
    cols = ", ".join(FTS_COLUMNS)
    store.db.execute(f"CREATE VIRTUAL TABLE temp.plain USING fts5({cols}, "
                     "tokenize='unicode61 remove_diacritics 2')")
    store.db.execute(f"INSERT INTO temp.plain (rowid, {cols}) SELECT case_id, {cols} "
                     "FROM case_search")
    yield store
    store.close()


def plain(store: Store, query: str, limit: int = 1_000_000) -> list[tuple[str, str, int]]:
    """Every match ranked by bm25 on the plain index: code, snippet, rowid."""
    column = SNIPPET_COLUMN["ru" if any("\u0400" <= ch <= "\u04ff" for ch in query) else "en"]
    rows = store.db.execute(
        f"SELECT c.code, snippet(plain, {column}, '**', '**', '…', 10), c.id FROM plain f "
        "JOIN cases c ON c.id = f.rowid WHERE plain MATCH ? ORDER BY f.rank LIMIT ?",
        [fts_query(query), limit]).fetchall()
    return [(code, " ".join(s.split()) if s and "**" in s else "", cid)
            for code, s, cid in rows]


def found(store: Store, query: str, limit: int = 1_000_000) -> list[tuple[str, str]]:
    return [(c.code, c.snippet) for c in store.search(query, limit)]


@pytest.mark.parametrize("query", QUERIES + MORE)
def test_every_match_in_the_same_order_with_the_same_snippet(library, query):
    expected = [(code, snippet) for code, snippet, _ in plain(library, query)]
    assert found(library, query) == expected
    assert found(library, query, 200) == expected[:200]
    assert found(library, query, -1) == expected


def test_the_benchmark_words_do_match(library):
    assert all(library.search(q) for q in QUERIES)
    assert len(library.search("relapse", 1000)) > search.RANKED // 50


@pytest.mark.parametrize("word", TYPED)
def test_words_typed_letter_by_letter_find_what_they_found(library, word):
    """Every prefix length: one and two letters (no prefix index), three to eight (the
    prefix indexes), and longer (a merge of the words it begins)."""
    for k in range(1, len(word) + 1):
        typed = word[:k]
        expected = [(code, snippet) for code, snippet, _ in plain(library, typed)]
        assert found(library, typed) == expected, typed
        if k >= 3:
            assert expected, typed


def newest_ranked(every: list[tuple[str, str, int]], n: int) -> list[tuple[str, str]]:
    """The ``n`` most recently added of ranked matches, still ranked."""
    newest = set(sorted(cid for _, _, cid in every)[-n:])
    return [(code, snippet) for code, snippet, cid in every if cid in newest]


def test_beyond_the_bound_the_best_of_the_most_recent_matches(library, monkeypatch):
    monkeypatch.setattr(search, "RANKED", 30)
    every = plain(library, "relapse")
    assert len(every) > 60
    assert newest_ranked(every, 30)[:10] != [(c, s) for c, s, _ in every[:10]]
    assert found(library, "relapse", 10) == newest_ranked(every, 30)[:10]
    assert found(library, "relapse", 30) == newest_ranked(every, 30)
    assert found(library, "relapse", 45) == newest_ranked(every, 45)  # the limit lifts it
    assert found(library, "relapse", len(every)) == [(c, s) for c, s, _ in every]
    assert found(library, "relapse", -1) == [(c, s) for c, s, _ in every]
    few = plain(library, "SYN-0042")
    assert found(library, "SYN-0042", 10) == [(c, s) for c, s, _ in few][:10]


def test_an_upgraded_library_has_the_prefix_indexes_and_finds_the_same(tmp_path):
    """A v8 library (plain index) is upgraded: same answers, a sound index."""
    path = tmp_path / "v8.db"
    with Store.open(path) as s:
        s.add(make_case("OLD-1"))
        before = {q: found(s, q) for q in ["relapse", "рецидив", "молочн", "CD22", "old"]}
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE case_search_fts")
    Database(conn)["case_search"].enable_fts(FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2")
    conn.execute("INSERT INTO case_search_fts(case_search_fts) VALUES ('rebuild')")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Store.open(path) as s:
        assert s.user_version == SCHEMA_VERSION
        sql = s.db.execute("SELECT sql FROM sqlite_master WHERE name = 'case_search_fts'"
                           ).fetchone()[0]
        assert "prefix='3 4 5 6 7 8'" in sql
        assert {q: found(s, q) for q in before} == before and before["relapse"]
        assert s.check() == []
        s.add(make_case("NEW-1"))  # the triggers still feed the index
        assert {c.code for c in s.search("relapsed")} >= {"OLD-1", "NEW-1"}
        assert s.check() == []
