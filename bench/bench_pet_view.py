"""How long the PET view and the PET figure take on a large case (offscreen).

A case far beyond a real one: 10 PET studies of 20 lesions each, the baseline and the first
follow-up with a 1024 × 1024 PNG snapshot. Prints the median and best of several runs of:
``set_case`` on a new case (images decoded), ``set_case`` again after an edit (decoded
images reused), ``set_case`` with the first paint, choosing another follow-up, switching the
language, and ``render_pet_figure`` to PNG and SVG at 1920 × 1080.

    .venv/bin/python bench/bench_pet_view.py
"""

from __future__ import annotations

import copy
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, qInstallMessageHandler
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.core import casefile
from desktop.core.dates import PartialDate
from desktop.core.model import Case, Image, Lesion, Patient, PetStudy, Text
from desktop.core.paths import SEED_DIR
from desktop.gui.pet import images as pet_images
from desktop.gui.pet.view import PetView, render_pet_figure

STUDIES, LESIONS, IMAGE_PX = 10, 20, 1024
RUNS = 15
SITES = ["left breast", "right breast", "axillary node", "liver", "spleen", "bone (T7)",
         "mediastinal node", "lung", "skin", "orbit"]


def scan_png(size: int, seed: int) -> bytes:
    """A grey-noise "scan" with a few dark blobs, as PNG bytes."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    a = rng.normal(50, 15, (size, size))
    for _ in range(6):
        cx, cy, r = rng.uniform(0.2, 0.8) * size, rng.uniform(0.2, 0.8) * size, size * 0.03
        a += 180 * np.exp(-(((xx - cx) / r) ** 2 + ((yy - cy) / r) ** 2))
    a = np.ascontiguousarray(np.clip(255 - a, 0, 255).astype(np.uint8))
    image = QImage(a.data, size, size, size, QImage.Format.Format_Grayscale8).copy()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def big_case() -> Case:
    rng = random.Random(7)
    studies = []
    for s in range(STUDIES):
        lesions = []
        for i in range(LESIONS):
            peak = round(rng.uniform(1.0, 14.0) * (0.8 ** s), 2)
            lesions.append(Lesion(f"L{i + 1}", Text(SITES[i % len(SITES)] + f" {i + 1}",
                                                    f"очаг {i + 1}"),
                                  sul_max=round(peak * rng.uniform(1.0, 1.3), 2),
                                  sul_peak=peak))
        studies.append(PetStudy(
            PartialDate(2019 + s // 12, s % 12 + 1, 15), Text(f"PET {s + 1}", f"ПЭТ {s + 1}"),
            liver_sul_mean=1.8, liver_sul_sd=0.2, liver_suv_max=2.4, mediastinum_suv_max=1.6,
            lesions=lesions, new_lesions=False,
            image=Image("image/png", scan_png(IMAGE_PX, s)) if s < 2 else None))
    return Case("BENCH-PET", Text("Benchmark", "Тест"),
                patient=Patient(sex="F", weight_kg=61.5, height_cm=168.0), pet_studies=studies)


def timed(label: str, run: Callable[[], object], setup: Callable[[], object] | None = None,
          runs: int = RUNS) -> None:
    times = []
    for _ in range(runs):
        if setup:
            setup()
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"{label:<58} median {statistics.median(times):7.1f} ms   best {min(times):7.1f} ms")


def _quiet(mode, context, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform's note, not ours
        print(message, file=sys.stderr)


def main() -> None:
    qInstallMessageHandler(_quiet)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    case = big_case()
    edited = copy.deepcopy(case)  # what the window hands back after an edit (same images)
    edited.patient.weight_kg = 62.0
    print(f"{STUDIES} PET studies × {LESIONS} lesions, two {IMAGE_PX}×{IMAGE_PX} PNG images "
          f"({sum(len(s.image.data) for s in case.pet_studies if s.image) / 2**20:.1f} MB); "
          f"Python {sys.version.split()[0]}")
    view = PetView()
    view.resize(1600, 1000)
    view.show()
    app.processEvents()

    def cold() -> None:
        pet_images._cache.clear()
        view.set_case(None)

    timed("set_case, new case (images decoded)", lambda: view.set_case(case), setup=cold)
    view.set_case(case)
    timed("set_case, same case after an edit (images reused)", lambda: view.set_case(edited))
    timed("set_case + first paint (new case, processEvents)",
          lambda: (view.set_case(case), app.processEvents()), setup=cold)
    timed("choose another follow-up + paint", lambda: (view.show_pair(
        (view._pair + 1) % (STUDIES - 1)), app.processEvents()))
    langs = iter(["ru", "en"] * RUNS)
    timed("switch language + paint", lambda: (view.set_language(next(langs)),
                                              app.processEvents()))
    view.set_language("en")
    view.show()
    app.processEvents()

    seed = casefile.load(SEED_DIR / "ball-em-2.case.json")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        timed("render_pet_figure PNG 1920×1080, large case", lambda: render_pet_figure(
            case, out_path=out / "big.png", pair=0), runs=5)
        timed("render_pet_figure SVG 1920×1080, large case", lambda: render_pet_figure(
            case, out_path=out / "big.svg", pair=0), runs=5)
        timed("render_pet_figure PNG 1920×1080, seed case 2 (ru)", lambda: render_pet_figure(
            seed, out_path=out / "seed.png", lang="ru"), runs=5)
        sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    print("figure files:", ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in sorted(sizes.items())))
    view.close()


if __name__ == "__main__":
    main()
