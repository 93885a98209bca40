"""Search at 100,000 cases (issue 17: median under 50 ms over ``QUERIES``), beside a bare
``sqlite3`` + FTS5 program doing the same MATCH over the same documents in the same run.

    .venv/bin/python bench/baseline_search.py [N]      (N cases, 100,000)

``run(folder)`` uses the library ``folder/big.db`` when there is one (as
``bench_baselines.library`` leaves it), or builds one of 100,000 cases. The bare program
keeps the same search rows in a plain FTS5 table (same columns and tokenizer) and asks
for the best 200 by bm25 with a snippet of the same column, as a minimal program would
(so it ranks every match: ours ranks at most ``search.RANKED``, the most recent, and
reads prefix indexes; the ratio says what that buys).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_baselines import QUERIES, library, row
from desktop.core.store import SNIPPET_COLUMN, Store
from desktop.core.store.schema import FTS_COLUMNS
from desktop.core.store.search import fts_query

#: Each word of these as typed, letter by letter from the third (as the window searches).
TYPED = ["blinatumomab", "рецидивами", "remission"]
ROUNDS = 3


def bare_index(db: Path, folder: Path) -> Path:
    """The library's search rows in a plain FTS5 table of a database of their own."""
    bare = folder / "bare-fts.db"
    bare.unlink(missing_ok=True)
    conn = sqlite3.connect(bare)
    cols = ", ".join(FTS_COLUMNS)
    conn.execute(f"CREATE VIRTUAL TABLE docs USING fts5({cols}, "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("ATTACH DATABASE ? AS lib", [f"file:{db}?mode=ro"])
    conn.execute(f"INSERT INTO docs (rowid, {cols}) SELECT case_id, {cols} "
                 "FROM lib.case_search")
    conn.commit()
    conn.close()
    return bare


def bare_search(conn: sqlite3.Connection, query: str) -> list:
    column = SNIPPET_COLUMN["ru" if any("\u0400" <= ch <= "\u04ff" for ch in query) else "en"]
    return conn.execute(f"SELECT code, title, snippet(docs, {column}, '**', '**', '…', 10) "
                        "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 200",
                        [fts_query(query)]).fetchall()


def timed(queries: list[str], ours: Callable[[str], object], bare: Callable[[str], object]
          ) -> tuple[list[float], list[float]]:
    """Best of ``ROUNDS`` for each query, ours and bare interleaved query by query."""
    best_ours = [float("inf")] * len(queries)
    best_bare = [float("inf")] * len(queries)
    for _ in range(ROUNDS):
        for i, q in enumerate(queries):
            for fn, best in ((ours, best_ours), (bare, best_bare)):
                t = time.perf_counter()
                fn(q)
                best[i] = min(best[i], time.perf_counter() - t)
    return best_ours, best_bare


def run(folder: Path, n: int = 100_000) -> None:
    db = folder / "big.db"
    if not db.exists():
        library(folder, n)
    bare_db = bare_index(db, folder)
    typed = [w[:k] for w in TYPED for k in range(3, len(w) + 1)]
    with Store.open(db, readonly=True) as store:
        n = len(store)
        conn = sqlite3.connect(f"file:{bare_db}?mode=ro", uri=True)
        for q in QUERIES:  # warm both: caches, stemmers
            store.search(q)
            bare_search(conn, q)
        ours, bare = timed(QUERIES, store.search, lambda q: bare_search(conn, q))
        row(f"search {n:,} cases, median of {len(QUERIES)}", statistics.median(ours),
            statistics.median(bare), "ms")
        row(f"search {n:,} cases, worst", max(ours), max(bare), "ms")
        print(f"{'':44} target: median < 50 ms")
        ours_t, bare_t = timed(typed, store.search, lambda q: bare_search(conn, q))
        row(f"as typed ({len(typed)} prefixes), median", statistics.median(ours_t),
            statistics.median(bare_t), "ms")
        for q, t in zip(QUERIES, ours, strict=True):
            print(f"    {q:<20} {t * 1000:6.1f} ms")
        conn.close()
    bare_db.unlink()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp), *(int(a) for a in sys.argv[1:2]))
