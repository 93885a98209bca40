"""Reading case files: the fuzz corpus's outcome table, and reading speed for a seed case,
the largest case the limits allow (20,000 measurements) and a refused 10,000-deep file."""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core import casefile
from desktop.core.errors import CaseFileError
from desktop.core.paths import seed_files
from tests.core.fuzz.generate import generate_corpus


def timed(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        with contextlib.suppress(CaseFileError):
            fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        paths = generate_corpus(Path(tmp), 2_000)
        made = time.perf_counter() - t
        counts: Counter[str] = Counter()
        t = time.perf_counter()
        for path in paths:
            try:
                casefile.load(path)
                counts["accepted"] += 1
            except CaseFileError:
                counts["refused cleanly"] += 1
            except Exception:  # what the corpus looks for
                counts["internal errors"] += 1
        read = time.perf_counter() - t
    print(f"fuzz corpus: tried {len(paths)} | refused cleanly {counts['refused cleanly']} | "
          f"accepted {counts['accepted']} | internal errors {counts['internal errors']}")
    print(f"  generated in {made:.1f} s, read in {read:.1f} s "
          f"({read / len(paths) * 1000:.1f} ms per file)")
    seed = seed_files()[0].read_text(encoding="utf-8")
    one = timed(lambda: casefile.loads(seed))
    print(f"seed case ({len(seed) // 1024} KB): {one * 1000:.1f} ms")
    doc = json.loads(seed)
    m = doc["case"]["measurements"]
    doc["case"]["measurements"] = (m * 20_000)[:20_000]
    big = json.dumps(doc, ensure_ascii=False)
    print(f"20,000 measurements ({len(big) // 2**20} MB): "
          f"{timed(lambda: casefile.loads(big), 2) * 1000:.0f} ms")
    deep = "[" * 10_000 + "]" * 10_000
    print(f"refusing 10,000-deep nesting: {timed(lambda: casefile.loads(deep)) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
