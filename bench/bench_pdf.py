"""PDF summary targets (issue: bilingual PDF summaries): one bilingual summary with both
figures < 0.5 s inside a running process; 100 cases < 30 s on two cores.

Run: .venv/bin/python bench/bench_pdf.py [N]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_case
from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.core.store import Store
from desktop.report.batch import write_pdfs
from desktop.report.summary import CaseSummaryPdf


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def one_summary() -> None:
    seeds = [casefile.load(p) for p in seed_files()]
    synthetic = synthetic_case(0, random.Random(7))
    t = time.perf_counter()
    CaseSummaryPdf(synthetic, "both").generate()  # fonts registered, modules warm
    print(f"first summary in this process (modules imported before the clock; fonts inside "
          f"it): {time.perf_counter() - t:.2f} s   (whole process: bench_baselines.py)")
    for case in [*seeds, synthetic]:
        for anonymize in (False, True):
            pdf = CaseSummaryPdf(case, "both", anonymize)
            times = _timed(pdf.generate, 5)
            pages = pdf.generate().count(b"/Type /Page\n")
            mark = " de-identified" if anonymize else ""
            print(f"{case.code}{mark}, both languages, {pages} pages: median "
                  f"{statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms"
                  "   (target < 500 ms)")


def batch(n: int) -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        with Store.open(db, seed=False) as s:
            for i in range(n):
                s.add(synthetic_case(i, rng))
            codes = s.codes()
        for jobs in (2, 1):
            out = folder / f"out{jobs}"
            t = time.perf_counter()
            paths = write_pdfs(db, codes, out, lang="both", jobs=jobs)
            took = time.perf_counter() - t
            size = sum(p.stat().st_size for p in paths) / 2**20
            target = "   (target < 30 s)" if jobs == 2 else ""
            print(f"batch of {len(paths)} bilingual summaries, {jobs} job(s): {took:.1f} s, "
                  f"{took / len(paths) * 1000:.0f} ms per case, {size:.0f} MB{target}")


def main(n: int = 100) -> None:
    one_summary()
    batch(n)


if __name__ == "__main__":  # the batch's worker processes import this file again
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
