"""Find the PET series in a folder and read one into a volume with its patient geometry.

Slices are ordered by ImagePositionPatient projected on the slice normal — never by file
name or InstanceNumber, which scanners and PACS exports number in either direction. Each
slice's RescaleSlope/Intercept is applied on its own: multi-bed series change the slope from
bed to bed. Coordinates are patient millimetres, LPS, as DICOM writes them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from desktop.core.dicom.errors import Cancelled, DicomError

Progress = Callable[[int, int], None]  # (done, total)
IsCancelled = Callable[[], bool]

#: What the series list needs from each file; the pixels are read later, once.
HEADER_TAGS = ["Modality", "SeriesInstanceUID", "SeriesDescription", "Manufacturer", "Units",
               "SeriesNumber", "ImagePositionPatient"]
#: Positions closer than this along the normal are the same slice (a duplicate or overlap).
SAME_SLICE_MM = 0.01
#: Slice steps may differ by this fraction (rounding in the header) and still be one grid.
STEP_TOLERANCE = 0.02


@dataclass(frozen=True)
class SeriesInfo:
    """One series found in a folder: enough to list it and to read it."""

    uid: str
    modality: str
    description: str
    manufacturer: str
    units: str
    number: str
    files: tuple[Path, ...]

    @property
    def n_slices(self) -> int:
        return len(self.files)

    def label(self) -> str:
        """How a list shows the series (no patient data: description, units, slices)."""
        parts = [self.description or "(no description)", self.units or "?",
                 f"{self.n_slices} slices"]
        if self.manufacturer:
            parts.insert(1, self.manufacturer)
        return " · ".join(parts)


@dataclass(frozen=True)
class Geometry:
    """Voxel (k, i, j) — slice, row, column — to patient mm (LPS): ``origin + M @ (k, i, j)``.

    ``matrix`` columns are the slice step, the step between rows and the step between
    columns, each a vector in mm."""

    origin: np.ndarray  # (3,)
    matrix: np.ndarray  # (3, 3)
    shape: tuple[int, int, int]

    @property
    def spacing(self) -> np.ndarray:
        """Distance in mm between neighbours along k, i, j."""
        return np.linalg.norm(self.matrix, axis=0)

    def to_patient(self, index) -> np.ndarray:
        """Patient mm (LPS) of one voxel index or of an (n, 3) array of them."""
        idx = np.asarray(index, dtype=float)
        return self.origin + idx @ self.matrix.T

    def to_index(self, xyz) -> np.ndarray:
        """The (fractional) voxel index of a point in patient mm."""
        return np.linalg.solve(self.matrix, np.asarray(xyz, dtype=float) - self.origin)

    def voxel_ml(self) -> float:
        return float(abs(np.linalg.det(self.matrix))) / 1000.0


@dataclass
class PetVolume:
    """A PET series read: values after each slice's rescale, in the series' Units."""

    info: SeriesInfo
    data: np.ndarray  # float32, (k, i, j)
    geometry: Geometry
    headers: list[Dataset] = field(repr=False)  # per slice, in volume order, without pixels
    files: list[Path] = field(repr=False)  # per slice, in volume order


# --- finding -----------------------------------------------------------------------------------
def _walk(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out.extend(Path(root) / f for f in sorted(files))
    return out


def _header(path: Path) -> Dataset | None:
    """The series tags of a DICOM file, or ``None`` for anything that is not DICOM."""
    try:
        return pydicom.dcmread(path, stop_before_pixels=True, specific_tags=HEADER_TAGS)
    except (InvalidDicomError, OSError, EOFError, ValueError, TypeError, KeyError):
        return None


def find_series(folder: str | Path, *, progress: Progress | None = None,
                cancelled: IsCancelled | None = None) -> list[SeriesInfo]:
    """Every PET series (Modality PT) under ``folder``, recursively; CT, other modalities
    and files that are not DICOM are passed over. Sorted by series number."""
    root = Path(folder)
    if not root.is_dir():
        raise DicomError("no_folder", folder=str(root))
    paths = _walk(root)
    groups: dict[str, list[tuple[Path, Dataset]]] = {}
    for n, path in enumerate(paths, 1):
        if cancelled is not None and cancelled():
            raise Cancelled()
        ds = _header(path)
        if ds is not None and str(ds.get("Modality", "")).upper() == "PT":
            groups.setdefault(str(ds.get("SeriesInstanceUID", "")), []).append((path, ds))
        if progress is not None:
            progress(n, len(paths))
    found = []
    for uid, items in groups.items():
        first = items[0][1]
        found.append(SeriesInfo(
            uid=uid, modality="PT", description=str(first.get("SeriesDescription", "")),
            manufacturer=str(first.get("Manufacturer", "")), units=str(first.get("Units", "")),
            number=str(first.get("SeriesNumber", "")), files=tuple(p for p, _ in items)))
    return sorted(found, key=lambda s: (_number(s.number), s.uid))


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("inf")


def choose_series(found: list[SeriesInfo], folder: str | Path,
                  uid: str | None = None) -> SeriesInfo:
    """The one PET series asked for (by UID), or the only one; several without a choice is
    refused with the list, so a user never measures the wrong series by accident."""
    if not found:
        raise DicomError("no_pet", folder=str(folder))
    if uid is not None:
        for s in found:
            if s.uid == uid:
                return s
        raise DicomError("missing", tag="SeriesInstanceUID (0020,000E)",
                         why=f"no PET series {uid!r} in {folder}")
    if len(found) > 1:
        raise DicomError("several", n=len(found), folder=str(folder),
                         uids=", ".join(f"{s.uid} ({s.label()})" for s in found))
    return found[0]


# --- reading -----------------------------------------------------------------------------------
def _floats(ds: Dataset, keyword: str, tag: str, n: int, source: str) -> np.ndarray:
    value = ds.get(keyword)
    if value is None:
        raise DicomError("missing", source=source, tag=f"{keyword} ({tag})",
                         why="the slice cannot be placed in the patient")
    try:
        arr = np.array([float(v) for v in value], dtype=float)
    except (TypeError, ValueError):
        raise DicomError("bad_value", source=source, tag=f"{keyword} ({tag})", value=str(value),
                         why="expected numbers") from None
    if arr.shape != (n,) or not np.all(np.isfinite(arr)):
        raise DicomError("bad_value", source=source, tag=f"{keyword} ({tag})", value=str(value),
                         why=f"expected {n} numbers")
    return arr


def _rescale(ds: Dataset, source: str) -> tuple[float, float]:
    try:
        slope = float(ds.get("RescaleSlope", 1.0))
        intercept = float(ds.get("RescaleIntercept", 0.0))
    except (TypeError, ValueError):
        raise DicomError("bad_value", source=source, tag="RescaleSlope (0028,1053)",
                         value=str(ds.get("RescaleSlope")), why="expected a number") from None
    if not (np.isfinite(slope) and np.isfinite(intercept)) or slope == 0:
        raise DicomError("bad_value", source=source, tag="RescaleSlope (0028,1053)",
                         value=str(slope), why="expected a finite non-zero number")
    return slope, intercept


@dataclass
class _Slice:
    path: Path
    ds: Dataset
    position: np.ndarray
    pixels: np.ndarray


def _read_slice(path: Path) -> _Slice:
    source = path.name
    try:
        ds = pydicom.dcmread(path)
        stored = ds.pixel_array
    except (InvalidDicomError, OSError, EOFError, ValueError, TypeError, AttributeError,
            RuntimeError) as e:
        raise DicomError("unreadable", source=source, why=str(e) or type(e).__name__) from None
    if stored.ndim != 2:
        raise DicomError("unsupported", source=source, tag="NumberOfFrames (0028,0008)",
                         value=str(ds.get("NumberOfFrames", "")),
                         why="multi-frame PET images are not read yet")
    slope, intercept = _rescale(ds, source)
    pixels = stored.astype(np.float32) * np.float32(slope) + np.float32(intercept)
    position = _floats(ds, "ImagePositionPatient", "0020,0032", 3, source)
    del ds.PixelData  # keep the headers, not a second copy of the pixels
    return _Slice(path, ds, position, pixels)


def _orientation(slices: list[_Slice]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    first = slices[0]
    iop = _floats(first.ds, "ImageOrientationPatient", "0020,0037", 6, first.path.name)
    row, col = iop[:3], iop[3:]
    for s in slices[1:]:
        other = _floats(s.ds, "ImageOrientationPatient", "0020,0037", 6, s.path.name)
        if not np.allclose(other, iop, atol=1e-4):
            raise DicomError("geometry", source=s.path.name,
                             tag="ImageOrientationPatient (0020,0037)",
                             why="differs from the other slices of the series")
    normal = np.cross(row, col)
    if np.linalg.norm(normal) < 0.5:
        raise DicomError("geometry", source=first.path.name,
                         tag="ImageOrientationPatient (0020,0037)",
                         why="row and column directions are not orthogonal")
    return row, col, normal / np.linalg.norm(normal)


def _order(slices: list[_Slice], normal: np.ndarray) -> list[_Slice]:
    """Slices along the normal; duplicate positions and uneven steps are refused."""
    ordered = sorted(slices, key=lambda s: float(s.position @ normal))
    heights = np.array([float(s.position @ normal) for s in ordered])
    if len(ordered) > 1:
        steps = np.diff(heights)
        k = int(np.argmin(steps))
        if steps[k] < SAME_SLICE_MM:
            raise DicomError("geometry", source=ordered[k + 1].path.name,
                             tag="ImagePositionPatient (0020,0032)",
                             why=f"the same slice position as {ordered[k].path.name}")
        mean = float(np.mean(steps))
        if np.any(np.abs(steps - mean) > STEP_TOLERANCE * mean):
            k = int(np.argmax(np.abs(steps - mean)))
            raise DicomError("geometry", source=ordered[k + 1].path.name,
                             tag="ImagePositionPatient (0020,0032)",
                             why=f"slice spacing {steps[k]:.2f} mm where the series has "
                                 f"{mean:.2f} mm (a gap or an overlap between beds)")
    return ordered


def _geometry(ordered: list[_Slice], row: np.ndarray, col: np.ndarray,
              normal: np.ndarray) -> Geometry:
    first = ordered[0]
    spacing = _floats(first.ds, "PixelSpacing", "0028,0030", 2, first.path.name)
    if np.any(spacing <= 0):
        raise DicomError("bad_value", source=first.path.name, tag="PixelSpacing (0028,0030)",
                         value=str(list(spacing)), why="spacing must be positive")
    if len(ordered) > 1:
        step = (ordered[-1].position - first.position) / (len(ordered) - 1)
    else:
        thickness = float(first.ds.get("SliceThickness", 0) or 0)
        if thickness <= 0:
            raise DicomError("missing", source=first.path.name, tag="SliceThickness (0018,0050)",
                             why="a single slice needs its thickness")
        step = normal * thickness
    # PixelSpacing is (between rows, between columns); rows advance along the column cosines.
    matrix = np.column_stack([step, col * spacing[0], row * spacing[1]])
    shape = (len(ordered), *ordered[0].pixels.shape)
    return Geometry(first.position.copy(), matrix, shape)


def read_series(info: SeriesInfo, *, progress: Progress | None = None,
                cancelled: IsCancelled | None = None) -> PetVolume:
    """The series as a float32 volume (k, i, j) in its Units, with its geometry."""
    slices = []
    for n, path in enumerate(info.files, 1):
        if cancelled is not None and cancelled():
            raise Cancelled()
        slices.append(_read_slice(path))
        if progress is not None:
            progress(n, len(info.files))
    shapes = {s.pixels.shape for s in slices}
    if len(shapes) > 1:
        raise DicomError("geometry", source=info.files[0].name, tag="Rows/Columns (0028,0010)",
                         why=f"slices of different sizes in one series: {sorted(shapes)}")
    row, col, normal = _orientation(slices)
    ordered = _order(slices, normal)
    geometry = _geometry(ordered, row, col, normal)
    data = np.stack([s.pixels for s in ordered])
    return PetVolume(info, data, geometry, [s.ds for s in ordered], [s.path for s in ordered])
