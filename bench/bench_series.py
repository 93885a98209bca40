"""How long a series of 50 synthetic cases takes to lay out (target < 200 ms) and to
draw as a 1920×1080 figure (target < 300 ms), de-identified, with the MRD track off
and on. Prints the median and best of several runs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_series.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.synthetic import synthetic_case
from desktop.core.series import build_series

N_CASES = 50
RUNS = 15
LAYOUT_MS, DRAW_MS = 200.0, 300.0


def _times(fn) -> list[float]:
    out = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    rng = random.Random(7)
    cases = [synthetic_case(i, rng) for i in range(N_CASES)]
    from desktop.gui.series.figure import layout_for, render_image
    from desktop.gui.timeline.figure import ensure_app

    ensure_app()
    status = 0
    for track in (None, "marrow_blasts"):
        lay = _times(lambda t=track: build_series(cases, "relapse", track=t))
        layout = layout_for(cases, "relapse", (1920, 1080), lang="en", track=track)
        drw = _times(lambda la=layout: render_image(la, 1920, 1080))
        for what, ms, target in (("layout", lay, LAYOUT_MS), ("draw", drw, DRAW_MS)):
            med = statistics.median(ms)
            ok = "ok" if med < target else "SLOW"
            status |= med >= target
            print(f"series {N_CASES} cases, track={track or '-'}: {what} median {med:.1f} ms, "
                  f"best {min(ms):.1f} ms (target < {target:.0f} ms) {ok}")
    print(f"lanes {len(layout.lanes)}, bars {len(layout.bars)}, markers {len(layout.markers)}, "
          f"points {len(layout.points)}, unaligned {len(layout.unaligned)}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
