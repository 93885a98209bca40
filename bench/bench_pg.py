"""Department library targets (issue 19): a sync of 1,000 changed cases < 30 s, listing
10,000 cases from PostgreSQL < 300 ms. Runs its own throw-away server (Debian's
postgresql package) with PostgreSQL's durable defaults (fsync on).

Run: .venv/bin/python bench/bench_pg.py [N]
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_case
from desktop.core.model import Text
from desktop.core.store import Store
from desktop.core.store.postgres import PgStore
from desktop.core.store.postgres.server import LocalServer
from desktop.core.sync import sync

CHANGED = 1_000


def timed(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - t, result


def main(n: int = 10_000) -> None:
    rng = random.Random(19)
    cases = [synthetic_case(i, rng) for i in range(n)]
    with LocalServer(durable=True) as server, tempfile.TemporaryDirectory() as tmp:
        server.admin("CREATE DATABASE bench")
        url = server.admin_url("bench")
        laptop = Store.open(Path(tmp) / "laptop.db", seed=False)
        with PgStore.open(url) as dept:
            took, _ = timed(_fill, laptop, cases[:CHANGED])
            took, report = timed(sync, laptop, dept)
            assert len(report.sent) == CHANGED, report
            print(f"sync: send {CHANGED:,} new cases: {took:.1f} s   (target < 30 s)")
            with dept.transaction():
                for c in cases[CHANGED:]:
                    dept.add(c)
            for c in cases[:CHANGED]:  # each changed in the department, e.g. by colleagues
                dept.save(dataclasses.replace(c, title=Text(c.title.en + " (rev)", c.title.ru)))
            took, report = timed(sync, laptop, dept)
            assert len(report.fetched) == n, (len(report.fetched), report.conflicts[:3])
            print(f"sync: fetch {n - CHANGED:,} new + {CHANGED:,} changed cases: {took:.1f} s")
            for c in cases[:CHANGED]:
                laptop.save(dataclasses.replace(c, tags=[*c.tags, "edited"]))
            took, report = timed(sync, laptop, dept)
            assert len(report.sent) == CHANGED and not report.conflicts
            print(f"sync: send {CHANGED:,} changed cases: {took:.1f} s   (target < 30 s)")
            took, report = timed(sync, laptop, dept)
            print(f"sync with nothing to do ({n:,} cases each side): {took * 1000:.0f} ms")

            dept.list_cases()  # a warm pool, as in a window that is open
            times = [timed(dept.list_cases)[0] * 1000 for _ in range(7)]
            print(f"list {len(dept):,} cases from PostgreSQL: median "
                  f"{statistics.median(times):.0f} ms, worst {max(times):.0f} ms"
                  "   (target < 300 ms)")
            took, _ = timed(lambda: PgStore.open(url).list_cases())
            print(f"connect + list (cold): {took * 1000:.0f} ms")
            times = []
            for q in ["relapse", "рецидив", "рецидивами", "молочная железа", "blinat", "CD22",
                      "synthetic 77", "lymph node", "иматиниб", "SYN-0042"]:
                times.append(timed(dept.search, q)[0] * 1000)
            print(f"search: median {statistics.median(times):.1f} ms, "
                  f"worst {max(times):.1f} ms")
        laptop.close()


def _fill(store: Store, cases) -> None:
    with store.transaction():
        for c in cases:
            store.add(c)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
