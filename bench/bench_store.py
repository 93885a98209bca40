"""Library targets (issue 2): import 10,000 cases < 30 s, search < 50 ms, open + list < 200 ms.

Run: .venv/bin/python bench/bench_store.py [N]
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_case
from desktop.core import casefile
from desktop.core.store import Store

QUERIES = ("relapse", "рецидив", "молочная железа", "blinat", "CD22", "synthetic 77",
           "lymph node", "иматиниб", "remission marrow", "SYN-0042")


def _whole_process(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``code``, its imports included."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL,
                   cwd=Path(__file__).resolve().parents[1])
    return time.perf_counter() - t


def main(n: int = 10_000) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [
            casefile.dump(synthetic_case(i, rng), folder / f"c{i}.case.json") for i in range(n)
        ]
        db = folder / "bench.db"
        with Store.open(db, seed=False) as s:
            t = time.perf_counter()
            report = s.import_files(files)
            took = time.perf_counter() - t
            assert len(report.imported) == n, report.failed[:3]
        print(f"import {n:,} case files: {took:.1f} s   (target < 30 s)")

        listing = ("from desktop.core.store import Store\n"
                   f"with Store.open({str(db)!r}, readonly=True) as s: print(len(s.list_cases()))")
        fresh = min(_whole_process(listing) for _ in range(5))
        print(f"open library + list {n:,} codes and titles in a fresh process, imports "
              f"included: {fresh * 1000:.0f} ms   (target < 200 ms)")
        with Store.open(db, readonly=True) as s:
            times = []
            for q in QUERIES:
                for _ in range(5):
                    t = time.perf_counter()
                    s.search(q)
                    times.append((time.perf_counter() - t) * 1000)
            print(f"search ({len(QUERIES)} queries, 5 times each): median "
                  f"{statistics.median(times):.1f} ms, worst {max(times):.1f} ms"
                  "   (target < 50 ms)")
            t = time.perf_counter()
            s.get("SYN-05000" if n > 5000 else "SYN-00000")
            print(f"load one case: {(time.perf_counter() - t) * 1000:.1f} ms")
        print(f"library size: {db.stat().st_size / 2**20:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
