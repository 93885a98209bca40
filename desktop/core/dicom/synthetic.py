"""Synthetic PET series with known truth, one per vendor path of ``suv``: the self-test, the
tests and the benchmark read the same files a scanner would write.

The truth is an SUV map — background 1, a liver region around 2 (a ±0.3 checkerboard, so its
SD is known), two spheres (SUV 8 and 4) and a single hot voxel (SUV 20, far from the spheres:
the global SUVmax is there, the global SULpeak is in the SUV 8 sphere). Each path turns the map
into its own units with a scale factor computed here from the generator's parameters (not by
``suv``), stores int16 pixels with a per-slice RescaleSlope, names files at random and numbers
instances in shuffled order, so that only ImagePositionPatient can order the slices.
Identifying tags carry distinctive strings (``IDENTIFIERS``) for de-identification tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

PET_STORAGE = "1.2.840.10008.5.1.4.1.1.128"
CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
#: Identifying values written into every synthetic file; none may appear in an output.
IDENTIFIERS = {"PatientName": "ZZSECRET^ALICE", "PatientID": "PID-ZZ-90210",
               "AccessionNumber": "ACC-ZZ-31337", "PatientBirthDate": "19610704",
               "InstitutionName": "ZZ SECRET HOSPITAL", "ReferringPhysicianName": "ZZDOC^BOB"}
WEIGHT_KG, HEIGHT_M, SEX = 72.0, 1.76, "M"
DOSE_BQ, HALF_LIFE_S = 370e6, 6586.2
SCAN_DAY = datetime(2024, 3, 12)
PHILIPS_SUV_FACTOR = 0.000731
PHILIPS_ACF = 0.8125
BACKGROUND, LIVER, LIVER_RIPPLE = 1.0, 2.0, 0.3
HOT_VOXEL_SUV = 20.0

#: Every path the self-test and the tests check; ``no-weight`` must be refused.
PATHS = ("bqml", "bqml-datetime", "bqml-admin", "ge-private", "late-series", "multibed",
         "philips-suv", "philips-acf", "gml", "midnight", "no-weight")
DESCRIPTIONS = {
    "bqml": "BQML, START, injection time without date",
    "bqml-datetime": "BQML, START, RadiopharmaceuticalStartDateTime",
    "bqml-admin": "BQML, decay-corrected to the injection (ADMIN)",
    "ge-private": "series written after the scan; GE private scan time (0009,100D)",
    "late-series": "series written after the scan; earliest AcquisitionTime, 2 beds",
    "multibed": "3 beds, each its own AcquisitionTime and RescaleSlope",
    "philips-suv": "CNTS with Philips SUV scale factor (7053,1000)",
    "philips-acf": "CNTS with Philips activity concentration factor (7053,1009)",
    "gml": "GML: the scanner wrote SUVbw",
    "midnight": "injected before midnight, scanned after; start time without date",
    "no-weight": "PatientWeight missing: SUV must be refused",
}


@dataclass(frozen=True)
class Sphere:
    center: tuple[float, float, float]  # patient mm
    radius_mm: float
    suv: float


@dataclass(frozen=True)
class Truth:
    """What a reader of the series must find."""

    path: str
    folder: Path
    uid: str
    scale_factor: float  # SUV per unit after rescale
    weight_kg: float
    height_cm: float
    sex: str
    lesions: tuple[Sphere, ...]
    hot_voxel: tuple[float, float, float]
    liver_center: tuple[float, float, float]
    refusal_tag: str | None = None
    suv: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))


@dataclass(frozen=True)
class Grid:
    shape: tuple[int, int, int] = (40, 48, 48)  # slices, rows, columns
    pixel_mm: float = 4.0
    slice_mm: float = 3.0

    def origin(self) -> np.ndarray:
        _, ny, nx = self.shape
        return np.array([-(nx - 1) / 2 * self.pixel_mm, -(ny - 1) / 2 * self.pixel_mm, -60.0])

    def point(self, k: int, i: int, j: int) -> tuple[float, float, float]:
        o = self.origin()
        return (float(o[0] + j * self.pixel_mm), float(o[1] + i * self.pixel_mm),
                float(o[2] + k * self.slice_mm))

    def coords(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        nz, ny, nx = self.shape
        o = self.origin()
        z = o[2] + np.arange(nz) * self.slice_mm
        y = o[1] + np.arange(ny) * self.pixel_mm
        x = o[0] + np.arange(nx) * self.pixel_mm
        return np.meshgrid(z, y, x, indexing="ij")


def _layout(grid: Grid, lesion_suv: tuple[float, float] = (8.0, 4.0),
            ) -> tuple[np.ndarray, tuple[Sphere, ...], tuple, tuple]:
    """The SUV truth map and where its features are (patient mm)."""
    nz, ny, nx = grid.shape
    z, y, x = grid.coords()
    suv = np.full(grid.shape, BACKGROUND, dtype=np.float64)
    liver_c = grid.point(nz // 2, ny // 2, nx // 4)
    near = (x - liver_c[0]) ** 2 + (y - liver_c[1]) ** 2 + (z - liver_c[2]) ** 2
    ripple = np.where((np.indices(grid.shape).sum(axis=0) % 2) == 0, 1.0, -1.0)
    suv = np.where(near <= 28.0 ** 2, LIVER + LIVER_RIPPLE * ripple, suv)
    lesions = (Sphere(grid.point(nz // 2 - 3, ny // 3, 3 * nx // 4), 16.0, lesion_suv[0]),
               Sphere(grid.point(nz // 2 + 6, 2 * ny // 3, 3 * nx // 4), 12.0, lesion_suv[1]))
    for s in lesions:
        d2 = (x - s.center[0]) ** 2 + (y - s.center[1]) ** 2 + (z - s.center[2]) ** 2
        suv = np.where(d2 <= s.radius_mm ** 2 + 1e-6, s.suv, suv)
    hot = (3, ny - 4, 3)
    suv[hot] = HOT_VOXEL_SUV
    return suv, lesions, grid.point(*hot), liver_c


@dataclass(frozen=True)
class _Timing:
    series: datetime
    acquisitions: tuple[datetime, ...]  # one per bed
    injection: datetime
    ge_scan: datetime | None = None
    start_has_date: bool = False
    decay: str = "START"


def _timing(path: str) -> _Timing:
    d = SCAN_DAY
    inj, scan = d.replace(hour=9), d.replace(hour=10)
    if path == "bqml-datetime":
        return _Timing(scan, (scan,), inj - timedelta(minutes=17), start_has_date=True)
    if path == "bqml-admin":
        return _Timing(scan, (scan,), inj, decay="ADMIN")
    if path == "ge-private":
        return _Timing(d.replace(hour=11, minute=30), (scan + timedelta(minutes=5),), inj,
                       ge_scan=scan)
    if path == "late-series":
        return _Timing(d.replace(hour=12), (scan + timedelta(minutes=3), scan), inj)
    if path == "multibed":
        return _Timing(scan, tuple(scan + timedelta(minutes=3 * b) for b in range(3)), inj)
    if path == "midnight":
        night = d + timedelta(days=1)
        return _Timing(night.replace(minute=40), (night.replace(minute=40),),
                       d.replace(hour=23, minute=25))
    return _Timing(scan, (scan,), inj)


def _scale_factor(path: str, t: _Timing) -> float:
    """SUV per unit after rescale, from the generator's own parameters."""
    if path == "gml":
        return 1.0
    if path == "philips-suv":
        return PHILIPS_SUV_FACTOR
    reference = t.ge_scan or min(t.acquisitions)
    decayed = DOSE_BQ if t.decay == "ADMIN" else DOSE_BQ * 2.0 ** (
        -(reference - t.injection).total_seconds() / HALF_LIFE_S)
    factor = WEIGHT_KG * 1000.0 / decayed
    return factor * PHILIPS_ACF if path == "philips-acf" else factor


def _tm(t: datetime) -> str:
    return t.strftime("%H%M%S.%f")[:10]


def _common(ds: Dataset, path: str, t: _Timing, uid: str, study_uid: str) -> None:
    for k, v in IDENTIFIERS.items():
        setattr(ds, k, v)
    ds.Modality = "PT"
    ds.SeriesInstanceUID, ds.StudyInstanceUID = uid, study_uid
    ds.FrameOfReferenceUID = generate_uid(entropy_srcs=[study_uid, "frame"])
    ds.SeriesDescription = f"PET WB {path}"
    ds.SeriesNumber = 3
    ds.StudyDate = ds.SeriesDate = t.series.strftime("%Y%m%d")
    ds.StudyTime, ds.SeriesTime = _tm(min(t.acquisitions)), _tm(t.series)
    ds.Manufacturer = {"ge-private": "GE MEDICAL SYSTEMS", "philips-suv": "Philips Medical Systems",
                       "philips-acf": "Philips Medical Systems"}.get(path, "SIEMENS")
    ds.PatientSex = SEX
    ds.PatientSize = f"{HEIGHT_M:g}"
    if path != "no-weight":
        ds.PatientWeight = f"{WEIGHT_KG:g}"
    ds.Units = {"philips-suv": "CNTS", "philips-acf": "CNTS", "gml": "GML"}.get(path, "BQML")
    ds.DecayCorrection = t.decay
    ds.CorrectedImage = ["DECY", "ATTN", "SCAT", "DTIM", "RAN", "NORM"]
    item = Dataset()
    item.Radiopharmaceutical = "Fluorodeoxyglucose"
    item.RadiopharmaceuticalStartTime = _tm(t.injection)
    if t.start_has_date:
        item.RadiopharmaceuticalStartDateTime = t.injection.strftime("%Y%m%d%H%M%S.00")
    item.RadionuclideTotalDose = f"{DOSE_BQ:.6g}"
    item.RadionuclideHalfLife = f"{HALF_LIFE_S:g}"
    ds.RadiopharmaceuticalInformationSequence = Sequence([item])
    if t.ge_scan is not None:
        block = ds.private_block(0x0009, "GEMS_PETD_01", create=True)
        block.add_new(0x0D, "DT", t.ge_scan.strftime("%Y%m%d%H%M%S.00"))
    if path == "philips-suv":
        ds.private_block(0x7053, "Philips PET Private Group", create=True).add_new(
            0x00, "DS", f"{PHILIPS_SUV_FACTOR:.6g}")
    if path == "philips-acf":
        ds.private_block(0x7053, "Philips PET Private Group", create=True).add_new(
            0x09, "DS", f"{PHILIPS_ACF:.6g}")


def _slice(values: np.ndarray, grid: Grid, k: int) -> tuple[np.ndarray, float]:
    """int16 pixels and the RescaleSlope that restores ``values`` (to 1 part in 30 000)."""
    top = float(np.abs(values).max()) or 1.0
    slope = float(f"{top / 30000.0:.8g}")
    return np.round(values / slope).astype(np.int16), slope


def _write(ds: Dataset, sop_class: str, file: Path) -> None:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SOPClassUID = sop_class
    ds.save_as(file, enforce_file_format=True)


def _image(ds: Dataset, pixels: np.ndarray, slope: float, position, grid: Grid) -> None:
    ds.Rows, ds.Columns = pixels.shape
    ds.PixelSpacing = [f"{grid.pixel_mm:g}", f"{grid.pixel_mm:g}"]
    ds.SliceThickness = f"{grid.slice_mm:g}"
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.ImagePositionPatient = [f"{v:.4f}" for v in position]
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleSlope, ds.RescaleIntercept = f"{slope:.8g}", "0"
    ds.PixelData = pixels.tobytes()


def write_series(folder: str | Path, path: str = "bqml", *, grid: Grid | None = None,
                 seed: int = 7, extras: bool = False,
                 lesion_suv: tuple[float, float] = (8.0, 4.0)) -> Truth:
    """Write one synthetic PET series for ``path`` under ``folder``; with ``extras`` also a
    CT series and a text file that a reader must pass over. ``lesion_suv`` sets the two
    spheres (a follow-up study: lower values; keep them below the hot voxel's 20)."""
    grid = grid or Grid()
    folder = Path(folder)
    out = folder / f"pet-{path}"
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-{path}")
    t = _timing(path)
    suv, lesions, hot, liver = _layout(grid, lesion_suv)
    factor = _scale_factor(path, t)
    values = suv / factor
    uid = generate_uid(entropy_srcs=[str(seed), path, "series"])
    study_uid = generate_uid(entropy_srcs=[str(seed), path, "study"])
    nz = grid.shape[0]
    numbers = list(range(1, nz + 1))
    rng.shuffle(numbers)
    beds = len(t.acquisitions)
    for k in range(nz):
        ds = Dataset()
        _common(ds, path, t, uid, study_uid)
        bed = min(k * beds // nz, beds - 1)
        ds.AcquisitionDate = t.acquisitions[bed].strftime("%Y%m%d")
        ds.AcquisitionTime = _tm(t.acquisitions[bed])
        ds.SOPInstanceUID = generate_uid(entropy_srcs=[uid, str(k)])
        ds.InstanceNumber = numbers[k]
        pixels, slope = _slice(values[k], grid, k)
        _image(ds, pixels, slope, grid.point(k, 0, 0), grid)
        _write(ds, PET_STORAGE, out / f"{rng.getrandbits(48):012x}.dcm")
    if extras:
        _write_extras(folder, grid, seed)
    return Truth(path, out, uid, factor, WEIGHT_KG, HEIGHT_M * 100.0, SEX, lesions, hot, liver,
                 "PatientWeight (0010,1030)" if path == "no-weight" else None, suv)


def _write_extras(folder: Path, grid: Grid, seed: int) -> None:
    """A two-slice CT series and a note: what a PACS export holds besides the PET."""
    ct = folder / "ct"
    ct.mkdir(parents=True, exist_ok=True)
    uid = generate_uid(entropy_srcs=[str(seed), "ct"])
    for k in range(2):
        ds = Dataset()
        for key, v in IDENTIFIERS.items():
            setattr(ds, key, v)
        ds.Modality, ds.SeriesInstanceUID = "CT", uid
        ds.SOPInstanceUID = generate_uid(entropy_srcs=[uid, str(k)])
        _image(ds, np.zeros((8, 8), dtype=np.int16), 1.0, grid.point(k, 0, 0), grid)
        _write(ds, CT_STORAGE, ct / f"ct{k}.dcm")
    (folder / "DICOMDIR.txt").write_text("not a DICOM file\n", encoding="utf-8")


def write_reference_set(folder: str | Path, *, grid: Grid | None = None) -> list[Truth]:
    """One series per path in ``PATHS``, each in its own sub-folder."""
    return [write_series(Path(folder) / p, p, grid=grid) for p in PATHS]
