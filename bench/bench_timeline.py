"""How long the timeline layout takes for a very large case (target: < 100 ms).

A synthetic case far beyond any real one: 5,000 events and enough therapies, across
every category and many drug names, to stack about 50 therapy sub-rows, plus 600
measurements. Prints the median and best of several builds, the sub-row count, and a
reference loop's time as a measure of the machine's speed at that moment.

    .venv/bin/python bench/bench_timeline.py
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from desktop.core import vocab
from desktop.core.dates import PartialDate
from desktop.core.model import Case, Diagnosis, Event, Measurement, Text, Therapy
from desktop.core.timeline import build_layout

TARGET_MS = 100.0
N_EVENTS = 5_000
N_THERAPIES = 160
N_MEASUREMENTS = 600
RUNS = 30
START = date(2000, 1, 1)
SPAN_DAYS = 20 * 365


def _date(rng: random.Random, day: int) -> PartialDate:
    """Mostly day precision, some month precision, a few approximate."""
    d = START + timedelta(days=day)
    roll = rng.random()
    if roll < 0.2:
        return PartialDate(d.year, d.month, None, roll < 0.05)
    return PartialDate(d.year, d.month, d.day)


def _therapy(rng: random.Random, k: int) -> Therapy:
    category = list(vocab.THERAPY_CATEGORIES)[k % len(vocab.THERAPY_CATEGORIES)]
    day = rng.randrange(SPAN_DAYS - 200)
    name = Text(f"Drug {k % 60}", f"Препарат {k % 60}")
    start = _date(rng, day)
    if k % 37 == 0:
        return Therapy(name, category, start, ongoing=True)
    end: PartialDate | None = _date(rng, day + rng.randrange(1, 180))
    if end is not None and end.end() < start.start():
        end = None
    return Therapy(name, category, start, end, cycles=rng.choice((None, 1, 2, 4)))


def synthetic_case(seed: int = 1) -> Case:
    rng = random.Random(seed)
    types = list(vocab.EVENT_TYPES)
    sites = [*vocab.SITES, None]
    events = [Event(_date(rng, rng.randrange(SPAN_DAYS)), types[i % len(types)],
                    Text(f"Event {i}", f"Событие {i}"), rng.choice(sites))
              for i in range(N_EVENTS)]
    kinds = ("marrow_blasts", "bcr_abl", "mrd_flow", "chimerism")
    measurements = [
        Measurement(_date(rng, rng.randrange(SPAN_DAYS)), kinds[i % len(kinds)],
                    None if i % 9 == 0 else round(rng.uniform(0.001, 90), 3), "%",
                    "negative" if i % 9 == 0 else None)
        for i in range(N_MEASUREMENTS)]
    therapies = [_therapy(rng, k) for k in range(N_THERAPIES)]
    return Case("BENCH-1", diagnosis=Diagnosis(date=PartialDate(2000, 1, 5)),
                therapies=therapies, events=events, measurements=measurements)


def reference_ms() -> float:
    """A fixed pure-Python loop: this VM's speed varies by up to 1.7x from minute to
    minute, so the figure is printed beside the layout time to judge it by."""
    t0 = time.perf_counter()
    sum(range(1_000_000))
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    case = synthetic_case()
    timings, refs = [], []
    layout = None
    for _ in range(RUNS):
        refs.append(reference_ms())
        t0 = time.perf_counter()
        layout = build_layout(case, anchor="diagnosis", lang="ru")
        timings.append((time.perf_counter() - t0) * 1000)
    assert layout is not None
    sub_rows = sum(lane.rows for lane in layout.lanes if lane.kind == "bars")
    median = statistics.median(timings)
    print(f"timeline layout: {len(case.events)} events, {len(case.therapies)} therapies in "
          f"{sub_rows} sub-rows, {len(case.measurements)} measurements")
    print(f"build_layout: median {median:.1f} ms, best {min(timings):.1f} ms over {RUNS} runs "
          f"(target < {TARGET_MS:.0f} ms) -> {'OK' if median < TARGET_MS else 'OVER'}")
    print(f"reference loop (machine speed): median {statistics.median(refs):.1f} ms, "
          f"best {min(refs):.1f} ms")


if __name__ == "__main__":
    main()
