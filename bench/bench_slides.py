"""Conference deck timings: one deck per seed case and for a synthetic case, in both
languages and sizes, de-identified (the default) and not; and one deck of all of them.

Run: .venv/bin/python bench/bench_slides.py [RUNS]
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pptx import Presentation

from bench.synthetic import synthetic_case
from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.slides.deck import build_deck


def _timed(fn, runs: int) -> tuple[list[float], bytes]:
    out, data = [], b""
    for _ in range(runs):
        t = time.perf_counter()
        data = fn()
        out.append(time.perf_counter() - t)
    return out, data


def main(runs: int = 5) -> None:
    cases = [casefile.load(p) for p in seed_files()]
    cases.append(synthetic_case(0, random.Random(7)))
    t = time.perf_counter()
    build_deck(cases[0])  # modules, fonts for measuring and the template warm
    print(f"first deck in this process (modules imported before the clock): "
          f"{(time.perf_counter() - t) * 1000:.0f} ms   (whole process: bench_baselines.py)")
    print(f"{'case':<12} {'lang':<4} {'size':<5} {'deid':<5} {'slides':>6} {'shapes':>6} "
          f"{'KiB':>6} {'median ms':>9} {'best ms':>8}")
    for case in cases:
        for lang, size, anonymize in (("en", "16:9", True), ("ru", "16:9", True),
                                      ("en", "4:3", True), ("en", "16:9", False)):
            times, data = _timed(lambda c=case, lg=lang, s=size, a=anonymize: build_deck(
                c, lang=lg, size=s, anonymize=a), runs)
            prs = Presentation(io.BytesIO(data))
            shapes = sum(len(s.shapes) for s in prs.slides)
            print(f"{case.code:<12} {lang:<4} {size:<5} {'yes' if anonymize else 'no':<5} "
                  f"{len(prs.slides):>6} {shapes:>6} {len(data) / 1024:>6.0f} "
                  f"{statistics.median(times) * 1000:>9.0f} {min(times) * 1000:>8.0f}")
    times, data = _timed(lambda: build_deck(cases), runs)
    slides = len(Presentation(io.BytesIO(data)).slides)
    print(f"one deck of all {len(cases)} cases ({slides} slides, {len(data) / 1024:.0f} KiB): "
          f"median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
