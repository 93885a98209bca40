"""What a user waits for, beside a bare program doing the same work in the same run
(issue 17): whole processes from the shell, fresh processes including imports.

    .venv/bin/python bench/bench_baselines.py [N]      (N cases for the big library, 100,000)

Each line prints Case Presenter's figure, the bare baseline's, and the ratio.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_case
from desktop.core import casefile
from desktop.core.store import Store

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
QUERIES = ["relapse", "рецидив", "молочная железа", "blinat", "CD22", "synthetic 77",
           "lymph node", "иматиниб", "remission marrow", "SYN-0042"]
LIST_SQL = ("SELECT code, title_en, title_ru, dx_name_en, dx_name_ru, tags, modified "
            "FROM cases ORDER BY code COLLATE NOCASE")


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def process(*args: str) -> float:
    return best_of(5, lambda: subprocess.run(args, cwd=ROOT, env=ENV, check=True,
                                             stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL))


def row(what: str, ours: float, bare: float, unit: str = "s", target: float | None = None
        ) -> None:
    scale = 1000 if unit == "ms" else 1
    ratio = ours / bare if bare else float("inf")
    goal = f"   (target ≤ {target:g}×)" if target else ""
    print(f"{what:<44} {ours * scale:8.2f} {unit}  bare {bare * scale:8.2f} {unit}  "
          f"{ratio:5.2f}×{goal}")


def bare_list(db: Path) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for r in conn.execute(LIST_SQL):
        print(r[0], r[1])
    conn.close()


def processes(small: Path) -> None:
    py = sys.executable
    row("--version, whole process", process(py, "-m", "desktop", "--version"),
        process(py, "-c", "pass"))
    bare = (f"import sqlite3\nc = sqlite3.connect('file:{small}?mode=ro', uri=True)\n"
            f"for r in c.execute({LIST_SQL!r}): print(r[0], r[1])")
    row("list, whole process (small library)",
        process(py, "-m", "desktop", "--db", str(small), "list"), process(py, "-c", bare),
        target=3)


def grow(db: Path, n: int) -> None:
    """Copies of the cases under new codes (and their index rows), up to ``n`` cases."""
    conn = sqlite3.connect(db)
    have = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    cols = [r[1] for r in conn.execute("PRAGMA table_info(cases)") if r[1] not in ("id", "code")]
    scols = [r[1] for r in conn.execute("PRAGMA table_info(case_search)")
             if r[1] not in ("case_id", "code")]
    k = 1
    while have * (k + 1) <= n:
        conn.execute(f"INSERT INTO cases (code, {', '.join(cols)}) SELECT code || '-{k}', "
                     f"{', '.join(cols)} FROM cases WHERE id <= ?", [have])
        conn.execute(f"INSERT INTO case_search (case_id, code, {', '.join(scols)}) "
                     f"SELECT c2.id, c2.code, {', '.join('s.' + x for x in scols)} "
                     "FROM case_search s JOIN cases c1 ON c1.id = s.case_id "
                     f"JOIN cases c2 ON c2.code = c1.code || '-{k}' WHERE c1.id <= ?", [have])
        k += 1
    conn.commit()
    conn.close()


def library(folder: Path, n: int) -> Path:
    rng = random.Random(7)
    files = [casefile.dump(synthetic_case(i, rng), folder / f"c{i}.case.json")
             for i in range(min(n, 10_000))]
    db = folder / "big.db"
    with Store.open(db, seed=False) as s:
        s.import_files(files)
    grow(db, n)
    return db


def in_process(db: Path, n: int) -> None:
    def ours_list() -> None:
        with Store.open(db, readonly=True) as s:
            s.list_cases()

    def bare() -> None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        conn.execute(LIST_SQL).fetchall()
        conn.close()

    row(f"open + list {n:,} cases, in process", best_of(3, ours_list), best_of(3, bare),
        "ms", target=1.5)


def main(n: int = 100_000) -> None:
    """Every figure of issue 17's "Done when", in one run: each area's module prints its
    own lines (``bench/baseline_<area>.py``, each runnable alone)."""
    from bench import baseline_deck, baseline_import, baseline_search, baseline_window

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "small.db"
        Store.open(small).close()
        processes(small)
        baseline_window.run(folder)
        baseline_deck.run(folder)
        baseline_import.run(folder)
        in_process(library(folder, n), n)
        baseline_search.run(folder, n)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
