"""How fast the timeline view draws and moves (targets: first draw < 300 ms, each pan or zoom
frame < 16 ms, for a synthetic case of 5,000 events and about 50 therapy sub-rows).

A frame is what the user waits for: ``setXRange``, the events that follow, and the whole
widget painted (``grab()``). The first draw is ``set_case`` (the layout included) and one
painted frame. Prints medians and worst cases; asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_timeline_view.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_timeline import reference_ms, synthetic_case
from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.gui.timeline.figure import ensure_app, render_timeline_figure
from desktop.gui.timeline.view import TimelineView

FIRST_DRAW_MS = 300.0
FRAME_MS = 16.0
SIZE = (1600, 900)
FRAMES = 120
RUNS = 5


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def first_draw(app, view: TimelineView, case) -> float:
    view.set_case(None)
    app.processEvents()
    t0 = time.perf_counter()
    view.set_case(case, lang="en", anonymize=False)
    app.processEvents()
    view.grab()
    return _ms(t0)


def frames(app, view: TimelineView) -> list[float]:
    """Zoom in step by step, pan across, zoom out: the moves of a talk."""
    layout = view.timeline_layout
    assert layout is not None
    lo, hi = layout.x_min, layout.x_max
    ranges = []
    span = hi - lo
    for k in range(FRAMES // 3):  # zoom in towards the middle
        span_k = span * 0.93 ** k
        mid = (lo + hi) / 2
        ranges.append((mid - span_k / 2, mid + span_k / 2))
    a, b = ranges[-1]
    w = b - a
    for k in range(FRAMES // 3):  # pan to the right
        x = lo + (hi - lo - w) * k / (FRAMES // 3)
        ranges.append((x, x + w))
    ranges += list(reversed(ranges[:FRAMES // 3]))  # zoom out
    out = []
    for a, b in ranges:
        t0 = time.perf_counter()
        view.set_x_range(a, b)
        app.processEvents()
        view.grab()
        out.append(_ms(t0))
    return out


def report(name: str, values: list[float], target: float) -> None:
    med, worst = statistics.median(values), max(values)
    p95 = sorted(values)[int(len(values) * 0.95) - 1]
    print(f"{name}: median {med:.1f} ms, p95 {p95:.1f} ms, worst {worst:.1f} ms "
          f"over {len(values)} (target < {target:.0f} ms) -> "
          f"{'OK' if med < target else 'OVER'}")


def main() -> None:
    app = ensure_app()
    view = TimelineView()
    view.resize(*SIZE)
    view.show()
    for _ in range(5):
        app.processEvents()
    print(f"window {SIZE[0]}×{SIZE[1]}, reference loop {reference_ms():.1f} ms")

    for path in seed_files():
        case = casefile.load(path)
        times = [first_draw(app, view, case) for _ in range(RUNS)]
        report(f"{case.code} first draw", times, FIRST_DRAW_MS)
        report(f"{case.code} pan/zoom frame", frames(app, view), FRAME_MS)

    case = synthetic_case()
    times = [first_draw(app, view, case) for _ in range(RUNS)]
    layout = view.timeline_layout
    assert layout is not None
    sub_rows = sum(lane.rows for lane in layout.lanes if lane.kind == "bars")
    print(f"synthetic: {len(case.events)} events, {len(case.therapies)} therapies in "
          f"{sub_rows} sub-rows, {len(case.measurements)} measurements; "
          f"{sum(m.show_label for m in layout.markers)} event labels shown at full view")
    report("synthetic first draw", times, FIRST_DRAW_MS)
    report("synthetic pan/zoom frame", frames(app, view), FRAME_MS)

    # after a zoom settles the layout is rebuilt for the new label width
    relayouts = []
    for k in range(RUNS):
        view.fit_all()
        app.processEvents()
        view._relayout()  # back to the full-view layout, not timed
        lo, hi = layout.x_min, layout.x_max
        span = (hi - lo) / (8 + k)
        view.set_x_range(lo + span, lo + 2 * span)
        t0 = time.perf_counter()
        view._relayout()
        app.processEvents()
        view.grab()
        relayouts.append(_ms(t0))
    report("synthetic relayout after a zoom (once, when it settles)", relayouts, FIRST_DRAW_MS)

    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".png", ".svg", ".pdf"):
            t0 = time.perf_counter()
            render_timeline_figure(case, out_path=Path(tmp) / f"f{suffix}", lang="ru")
            print(f"synthetic 1920×1080 figure {suffix}: {_ms(t0):.0f} ms")
    view.close()


if __name__ == "__main__":
    main()
