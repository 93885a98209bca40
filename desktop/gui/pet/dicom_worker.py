"""Reading a PET series off the UI thread: the project's worker pattern (``common.workers``)
for work that needs no library file.

A ``DicomTask`` runs one function on the global thread pool with ``progress`` and
``cancelled`` callbacks (what ``series.find_series``/``read_series`` take) and reports its
outcome once: a value, the core's refusal (a ``DicomError`` with both languages), or that it
was cancelled. A 300 MB series is read slice by slice there, so the window keeps painting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core.dicom import mip, series, study, suv
from desktop.core.dicom.errors import Cancelled, DicomError
from desktop.core.errors import CasePresenterError

VIEWS = ("coronal", "sagittal")


@dataclass
class Outcome:
    value: Any = None
    error: Exception | None = None  # a DicomError (or another core refusal)
    cancelled: bool = False


class DicomSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # Outcome


class DicomTask(QRunnable):
    """``work(progress, cancelled)`` on a pool thread; ``signals.finished`` says how it went."""

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
                 ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until it reports
        self.work = work
        self.signals = DicomSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        outcome = Outcome()
        try:
            outcome.value = self.work(self.signals.progress.emit, self._cancel.is_set)
        except Cancelled:
            outcome.cancelled = True
        except CasePresenterError as e:
            outcome.error = e
        except MemoryError:
            outcome.error = DicomError("unreadable", why="not enough memory for this series")
        except Exception as e:  # a bug must still end the task and say so
            outcome.error = DicomError("unreadable", why=f"{type(e).__name__}: {e}")
        self.done.set()
        self.signals.finished.emit(outcome)


def start(task: DicomTask) -> DicomTask:
    QThreadPool.globalInstance().start(task)
    return task


# --- the work --------------------------------------------------------------------------------
@dataclass
class ReadSeries:
    """A series read: its volume, the calibration (None when the header cannot give SUV:
    ``error`` says why) and the MIPs of the raw values (scaled by the SUV factor to show)."""

    volume: series.PetVolume
    loaded: study.Loaded | None
    error: DicomError | None
    overrides: dict
    raw_mips: dict[str, mip.Projection] = field(repr=False)


def find(folder: Path) -> Callable:
    def work(progress, cancelled) -> list[series.SeriesInfo]:
        found = series.find_series(folder, progress=progress, cancelled=cancelled)
        if not found:
            raise DicomError("no_pet", folder=str(folder))
        return found
    return work


def body_overrides(volume: series.PetVolume, patient) -> dict:
    """The case's weight, height and sex where the header lacks them (as ``pet import``)."""
    inputs = suv.read_inputs(volume.headers, volume.files[0].name)
    out = {}
    for key in ("weight_kg", "height_cm", "sex"):
        if getattr(inputs, key) is None and patient is not None \
                and getattr(patient, key, None) is not None:
            out[key] = getattr(patient, key)
    return out


def read(info: series.SeriesInfo, patient) -> Callable:
    def work(progress, cancelled) -> ReadSeries:
        volume = series.read_series(info, progress=progress, cancelled=cancelled)
        overrides = body_overrides(volume, patient)
        try:
            loaded, error = study.calibrate_volume(volume, **overrides), None
        except DicomError as e:
            loaded, error = None, e
        raws = {v: mip.project(volume.data, volume.geometry, v) for v in VIEWS}
        return ReadSeries(volume, loaded, error, overrides, raws)
    return work


def build(loaded: study.Loaded, overrides: dict, vois, liver, label) -> Callable:
    """The ``PetStudy`` to save: measured again on the corrected calibration, MIP made."""
    def work(progress, cancelled):
        final = loaded.recalibrated(**overrides) if overrides else loaded
        return study.to_pet_study(final, vois, liver=liver, label=label)
    return work


def ray_peak(data: np.ndarray, through: int, index: dict[int, int]) -> int:
    """Where along the ray through a MIP pixel it is hottest: the middle of the voxels tied
    with the maximum (a uniform sphere is centred, not entered at its edge)."""
    sl = [slice(None)] * 3
    for axis, i in index.items():
        sl[axis] = int(i)
    ray = data[tuple(sl)]
    top = float(ray.max())
    tied = np.flatnonzero(ray >= top - abs(top) * 1e-3)
    return int(tied[len(tied) // 2])
