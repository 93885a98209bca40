"""``case-presenter pet selftest``: synthetic series for every vendor path, measured against
their known truth — the same generator and tolerances as the tests."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core.dicom import measure, synthetic
from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.study import load

TOLERANCE = 0.005  # SUVmax, SULmax, SULpeak within 0.5 % of the truth


@dataclass(frozen=True)
class Outcome:
    path: str
    description: str
    passed: bool
    detail: str


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * abs(b)


def check(truth: synthetic.Truth) -> Outcome:
    """Measure one synthetic series and compare it with its truth."""
    desc = synthetic.DESCRIPTIONS[truth.path]
    try:
        loaded = load(truth.folder)
    except DicomError as e:
        ok = truth.refusal_tag is not None and e.tag == truth.refusal_tag
        return Outcome(truth.path, desc, ok, f"refused: {e}")
    if truth.refusal_tag is not None:
        return Outcome(truth.path, desc, False, f"not refused (expected {truth.refusal_tag})")
    p, s, g = loaded.passport, loaded.suv, loaded.geometry
    ratio = p.lbm_kg / truth.weight_kg
    problems = []
    if not abs(p.scale_factor / truth.scale_factor - 1) < 1e-6:
        problems.append(f"scale factor {p.scale_factor:.6g} ≠ {truth.scale_factor:.6g}")
    top, peak = measure.global_hotspots(s, g)
    if not (_close(top.value, synthetic.HOT_VOXEL_SUV)
            and np.allclose(top.position, truth.hot_voxel)):
        problems.append(f"global SUVmax {top.value:.3f} at {top.position}")
    lesion = truth.lesions[0]
    if not (_close(peak.value, lesion.suv)
            and np.linalg.norm(np.subtract(peak.position, lesion.center)) <= lesion.radius_mm):
        problems.append(f"global SULpeak {peak.value * ratio:.3f} at {peak.position}")
    for les in truth.lesions:
        r = measure.measure_sphere(s, g, measure.Sphere(les.center, les.radius_mm + 4))
        for name, got, want in (("SUVmax", r.suv_max.value, les.suv),
                                ("SULmax", r.suv_max.value * p.sul_per_suv, les.suv * ratio),
                                ("SULpeak", r.suv_peak.value * p.sul_per_suv, les.suv * ratio)):
            if not _close(got, want):
                problems.append(f"{name} {got:.4f} ≠ {want:.4f}")
    r = measure.measure_sphere(s, g, measure.Sphere(lesion.center, lesion.radius_mm))
    detail = (f"SUVmax {r.suv_max.value:.3f} SULmax {r.suv_max.value * p.sul_per_suv:.3f} "
              f"SULpeak {r.suv_peak.value * p.sul_per_suv:.3f}; global SUVmax {top.value:.2f} "
              f"(hot voxel), branch {p.branch}, Δt "
              + ("—" if p.delta_t_s is None else f"{p.delta_t_s:.0f} s"))
    return Outcome(truth.path, desc, not problems, "; ".join(problems) or detail)


def run(folder: str | Path | None = None) -> list[Outcome]:
    """Write the reference set (in a temporary folder unless given) and check each path."""
    if folder is not None:
        return [check(t) for t in synthetic.write_reference_set(folder)]
    with tempfile.TemporaryDirectory(prefix="case-presenter-pet-") as tmp:
        return [check(t) for t in synthetic.write_reference_set(tmp)]
