"""The standalone bundle beside the source install (issue 18): size and start-up times.

Times `--version`, `list` and the window until it shows a case (offscreen, smoke mode,
which quits on the first case shown: the figure includes the start and the close) for
``dist/case-presenter/case-presenter``, ``.venv/bin/case-presenter`` and ``make run``.
It never builds the bundle: without ``dist/case-presenter`` it says so (``make bundle``).

The best of the runs is printed too: other work on the machine only ever adds time.

Run: .venv/bin/python bench/bench_bundle.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "case-presenter"
LAUNCHERS = {
    "bundle": [str(BUNDLE / "case-presenter")],
    ".venv/bin/case-presenter": [str(ROOT / ".venv" / "bin" / "case-presenter")],
    "make run": ["make", "--no-print-directory", "-C", str(ROOT), "run", "ARGS=__ARGS__"],
}
COMMANDS = {"--version": ["--version"], "list": ["list"], "window shown": []}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def command(launcher: list[str], args: list[str]) -> list[str]:
    if "ARGS=__ARGS__" in launcher:  # make run passes the arguments through ARGS
        return [*launcher[:-1], "ARGS=" + " ".join(args)]
    return [*launcher, *args]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    return took


def main(runs: int = 5) -> None:
    exe = BUNDLE / "case-presenter"
    if not exe.exists():
        print(f"no bundle at {BUNDLE}: run `make bundle` first (this benchmark never builds it)")
        return
    print(f"bundle size: {folder_size(BUNDLE) / 2**20:.0f} MiB in "
          f"{sum(1 for _ in BUNDLE.rglob('*'))} files ({BUNDLE})")
    with tempfile.TemporaryDirectory() as tmp:
        base = {"HOME": tmp, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                "QT_QPA_PLATFORM": "offscreen", "CASE_PRESENTER_SMOKE": "1"}
        print(f"{f'median (best) of {runs}, s':<28}"
              + "".join(f"{name:>16}" for name in COMMANDS))
        for i, (name, launcher) in enumerate(LAUNCHERS.items()):
            env = {**base, "CASE_PRESENTER_DB": str(Path(tmp) / f"library-{i}.db")}
            first = timed(command(launcher, ["list"]), env)  # creates and seeds the library
            cells = []
            for args in COMMANDS.values():
                times = [timed(command(launcher, args), env) for _ in range(runs)]
                cells.append(f"{statistics.median(times):.2f} ({min(times):.2f})")
            print(f"{name:<28}" + "".join(f"{c:>16}" for c in cells)
                  + f"   (first start, seeding: {first:.2f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
