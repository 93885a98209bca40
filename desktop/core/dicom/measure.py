"""SUVmax, SULmax and SULpeak in spheres of interest; liver and blood-pool references.

A VOI is a sphere (centre and radius in patient mm, LPS); a voxel belongs to it when its centre
does. SULpeak (PERCIST 1.0) is the highest mean within a 1 cm³ sphere (radius 6.2 mm) whose
centre lies within the VOI — the peak sphere may reach past the VOI's edge. Without a VOI the
global SUVmax (one voxel, often noise) and the global SULpeak are reported; they need not be
at the same place. The search for the peak is exact: a centre can only beat a mean ``B`` if a
voxel hotter than ``B`` lies within 6.2 mm of it, so only such centres are averaged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.series import Geometry
from desktop.core.dicom.voi import Sphere as Sphere

PEAK_RADIUS_MM = 6.2  # a 1 cm³ sphere: (3 / 4π)^(1/3) cm
REFERENCE_RADIUS_MM = 15.0  # PERCIST liver reference: a 3 cm diameter sphere
TOP_SEEDS = 64  # the hottest voxels tried first, to start the peak search with a high bound
CHUNK = 65536  # centres averaged at a time (memory stays small)


@dataclass(frozen=True)
class Hotspot:
    value: float  # SUV
    position: tuple[float, float, float]  # patient mm, LPS


@dataclass(frozen=True)
class SphereResult:
    sphere: Sphere
    suv_max: Hotspot
    suv_peak: Hotspot
    n_voxels: int


@dataclass(frozen=True)
class Reference:
    sphere: Sphere
    suv_mean: float
    suv_sd: float
    suv_max: float
    n_voxels: int


def _offsets(geometry: Geometry, radius_mm: float) -> np.ndarray:
    """Index offsets (dk, di, dj) of the voxels whose centres lie within ``radius_mm``."""
    reach = np.floor(radius_mm / geometry.spacing + 1e-9).astype(int)
    grids = np.meshgrid(*(np.arange(-r, r + 1) for r in reach), indexing="ij")
    offs = np.stack([g.ravel() for g in grids], axis=1)
    dist = np.linalg.norm(offs @ geometry.matrix.T, axis=1)
    return offs[dist <= radius_mm + 1e-9]


def sphere_indices(geometry: Geometry, sphere: Sphere) -> np.ndarray:
    """Voxel indices (n, 3) inside a sphere, clipped to the volume."""
    centre = geometry.to_index(sphere.center)
    reach = np.ceil(sphere.radius_mm / geometry.spacing).astype(int) + 1
    lo = np.maximum(np.floor(centre).astype(int) - reach, 0)
    hi = np.minimum(np.floor(centre).astype(int) + reach + 1, geometry.shape)
    if np.any(hi <= lo):
        return np.empty((0, 3), dtype=int)
    grids = np.meshgrid(*(np.arange(a, b) for a, b in zip(lo, hi, strict=True)), indexing="ij")
    idx = np.stack([g.ravel() for g in grids], axis=1)
    dist = np.linalg.norm(geometry.to_patient(idx) - np.asarray(sphere.center), axis=1)
    return idx[dist <= sphere.radius_mm + 1e-9]


def _means(suv: np.ndarray, centres: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Mean of the voxels within the peak sphere around each centre; voxels outside the
    volume do not count."""
    shape = np.array(suv.shape)
    flat = suv.ravel()
    strides = np.array([shape[1] * shape[2], shape[2], 1])
    out = np.empty(len(centres), dtype=float)
    for a in range(0, len(centres), CHUNK):
        c = centres[a:a + CHUNK]
        pts = c[:, None, :] + offsets[None, :, :]
        inside = np.all((pts >= 0) & (pts < shape), axis=2)
        lin = np.where(inside, pts @ strides, 0)
        vals = np.where(inside, flat[lin], 0.0)
        out[a:a + CHUNK] = vals.sum(axis=1) / inside.sum(axis=1)
    return out


def _dilate(points: np.ndarray, offsets: np.ndarray, shape) -> np.ndarray:
    """Unique in-volume indices within the peak sphere of any of ``points``."""
    if len(points) == 0:
        return points
    lo = np.maximum(points.min(axis=0) + offsets.min(axis=0), 0)
    hi = np.minimum(points.max(axis=0) + offsets.max(axis=0) + 1, shape)
    mask = np.zeros(tuple(hi - lo), dtype=bool)
    local = points - lo
    for off in offsets:
        p = local + off
        ok = np.all((p >= 0) & (p < mask.shape), axis=1)
        mask[tuple(p[ok].T)] = True
    return np.argwhere(mask) + lo


def _peak(suv: np.ndarray, geometry: Geometry,
          allowed: np.ndarray | None) -> tuple[float, np.ndarray]:
    """Highest peak-sphere mean over centres in ``allowed`` (an (n, 3) index array; ``None``:
    anywhere in the volume), and its centre."""
    offsets = _offsets(geometry, PEAK_RADIUS_MM)
    if allowed is None:
        flat = suv.ravel()
        k = min(TOP_SEEDS, flat.size)
        seeds = np.array(np.unravel_index(np.argpartition(flat, -k)[-k:], suv.shape)).T
    else:
        vals = suv[tuple(allowed.T)]
        k = min(TOP_SEEDS, len(allowed))
        seeds = allowed[np.argpartition(vals, -k)[-k:]]
    seed_means = _means(suv, seeds, offsets)
    bound = float(seed_means.max())
    best = seeds[int(seed_means.argmax())]
    hot = np.argwhere(suv > bound)
    candidates = _dilate(hot, offsets, suv.shape)
    if allowed is not None and len(candidates):
        shape = np.array(suv.shape)
        strides = np.array([shape[1] * shape[2], shape[2], 1])
        candidates = candidates[np.isin(candidates @ strides, allowed @ strides)]
    if len(candidates):
        means = _means(suv, candidates, offsets)
        k = int(means.argmax())
        if means[k] > bound:
            bound, best = float(means[k]), candidates[k]
    return bound, best


def _fmt(xyz) -> str:
    return ",".join(f"{v:g}" for v in xyz)


def _point(geometry: Geometry, index) -> tuple[float, float, float]:
    return tuple(round(float(v), 3) for v in geometry.to_patient(index))  # type: ignore[return-value]


def global_hotspots(suv: np.ndarray, geometry: Geometry) -> tuple[Hotspot, Hotspot]:
    """The hottest voxel (SUVmax) and the hottest 1 cm³ sphere (SUVpeak) of the volume."""
    imax = np.array(np.unravel_index(int(np.argmax(suv)), suv.shape))
    peak, centre = _peak(suv, geometry, None)
    return (Hotspot(float(suv[tuple(imax)]), _point(geometry, imax)),
            Hotspot(peak, _point(geometry, centre)))


def measure_sphere(suv: np.ndarray, geometry: Geometry, sphere: Sphere) -> SphereResult:
    """SUVmax and SUVpeak of a VOI (multiply by ``sul_per_suv`` for SUL)."""
    idx = sphere_indices(geometry, sphere)
    if len(idx) == 0:
        raise DicomError("outside", what="VOI", center=_fmt(sphere.center), r=sphere.radius_mm)
    vals = suv[tuple(idx.T)]
    k = int(np.argmax(vals))
    peak, centre = _peak(suv, geometry, idx)
    return SphereResult(sphere, Hotspot(float(vals[k]), _point(geometry, idx[k])),
                        Hotspot(peak, _point(geometry, centre)), len(idx))


def reference(suv: np.ndarray, geometry: Geometry, center,
              radius_mm: float = REFERENCE_RADIUS_MM) -> Reference:
    """Mean, SD and max of SUV in a reference sphere (liver: 3 cm across, PERCIST)."""
    sphere = Sphere(tuple(float(v) for v in center), radius_mm)  # type: ignore[arg-type]
    idx = sphere_indices(geometry, sphere)
    if len(idx) < 2:
        raise DicomError("outside", what="reference", center=_fmt(sphere.center), r=radius_mm)
    vals = suv[tuple(idx.T)].astype(float)
    return Reference(sphere, float(vals.mean()), float(vals.std(ddof=1)), float(vals.max()),
                     len(idx))
