"""The window, as a user waits for it (issue 17): from the shell until the main window is
shown with the library listed and the first case on screen, beside a bare PySide6 +
pyqtgraph window listing the same 10,000 codes and titles, in the same run, interleaved.

    .venv/bin/python bench/baseline_window.py [N]      (N cases, 10,000)

Both are fresh processes on the offscreen platform. Case Presenter runs in its smoke mode
(``CASE_PRESENTER_SMOKE``: it prints the code of the case it shows and quits); the clock
stops when that line arrives, so closing the window is not counted. The bare program reads
the codes and titles with ``sqlite3`` into a ``QListWidget`` beside a pyqtgraph
``PlotWidget`` with a curve, shows the window and prints once the event loop has run.

Two starts are timed: on the Overview tab (the default; the window then needs no
pyqtgraph, which it loads when the Timeline or PET tab is first shown) and on the Timeline
tab, as when the user left the window there (pyqtgraph, the chart and its first layout
inside the clock). Set ``BENCH_WINDOW_DIR`` to keep the built library between runs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_baselines import ENV, ROOT, library, row

ROUNDS = 9

BARE = """
import sqlite3, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QSplitter
import pyqtgraph as pg

app = QApplication(sys.argv[:1])
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT code, title_en FROM cases ORDER BY code COLLATE NOCASE").fetchall()
window = QMainWindow()
split = QSplitter(window)
cases = QListWidget(split)
cases.addItems([f"{code}  {title}" for code, title in rows])
cases.setCurrentRow(0)
plot = pg.PlotWidget(split)
plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
window.setCentralWidget(split)
window.resize(1400, 860)
window.show()

def done():
    print("shown", rows[0][0], flush=True)
    app.quit()

QTimer.singleShot(0, done)
app.exec()
"""


def until_line(args: list[str], env: dict[str, str], expect: str) -> float:
    """Seconds from starting ``args`` until it prints a line starting with ``expect``
    (then it is left to finish, untimed; a failure shows the end of its stderr)."""
    with tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=err,
                                text=True)
        assert proc.stdout is not None
        took = None
        for line in proc.stdout:
            if line.startswith(expect):
                took = time.perf_counter() - t
                break
        proc.stdout.read()
        if proc.wait(60) or took is None:
            err.seek(0)
            raise RuntimeError(f"{args[:3]} failed ({proc.returncode}):\n"
                               + "".join(err.readlines()[-30:]))
    return took


def measure(db: Path, home: Path, tab: int, rounds: int = ROUNDS
            ) -> tuple[list[float], list[float]]:
    """Both programs, interleaved; the window opens on ``tab`` (0 Overview, 1 Timeline),
    as it would when the user left it there."""
    config = home / "config"
    (config / "Case Presenter").mkdir(parents=True, exist_ok=True)
    (config / "Case Presenter" / "Case Presenter.ini").write_text(f"[window]\ntab={tab}\n")
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen", "CASE_PRESENTER_SMOKE": "1",
           "PYTHONFAULTHANDLER": "1",
           "XDG_CONFIG_HOME": str(config), "XDG_STATE_HOME": str(home / "state"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}
    py = sys.executable
    ours_args = [py, "-m", "desktop", "--db", str(db)]
    bare_args = [py, "-c", BARE, str(db)]
    until_line(ours_args, env, "smoke: window shows")  # first start: OS caches
    until_line(bare_args, env, "shown")
    ours, bare = [], []
    for _ in range(rounds):
        ours.append(until_line(ours_args, env, "smoke: window shows"))
        bare.append(until_line(bare_args, env, "shown"))
    return ours, bare


def run(folder: Path, n: int = 10_000) -> None:
    work = folder / "window"
    work.mkdir(exist_ok=True)
    db = work / "window.db"
    if not db.exists():
        with tempfile.TemporaryDirectory() as tmp:  # the case files are not kept
            shutil.move(library(Path(tmp), n), db)
    for tab, name in ((0, "Overview"), (1, "Timeline")):
        ours, bare = measure(db, work / f"home-{tab}", tab)
        row(f"window shown, {n:,} cases, {name}, best", min(ours), min(bare), target=1.3)
        row(f"window shown, {n:,} cases, {name}, median", statistics.median(ours),
            statistics.median(bare), target=1.3)
        paired = sorted(o / b for o, b in zip(ours, bare, strict=True))
        print(f"  {name}: ratio of each round's pair (same moment, same load): median "
              f"{statistics.median(paired):.2f}×, from {paired[0]:.2f}× to {paired[-1]:.2f}×")


if __name__ == "__main__":
    keep = os.environ.get("BENCH_WINDOW_DIR")  # reuse a built library between runs
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        run(Path(keep), *(int(a) for a in sys.argv[1:2]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), *(int(a) for a in sys.argv[1:2]))
