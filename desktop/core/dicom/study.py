"""From a folder to numbers and a PET study: what the command line and the window share.

``load`` finds, reads and calibrates one PET series; ``summary`` is the JSON contract of
``case-presenter pet measure``; ``to_pet_study`` turns named VOIs into a ``PetStudy`` of the
case (lesions, liver and mediastinum references, MIP image) with nothing identifying in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from desktop.core.dates import PartialDate
from desktop.core.dicom import measure, mip, series, suv
from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.passport import Passport
from desktop.core.dicom.voi import NamedVoi as NamedVoi
from desktop.core.model import Image, Lesion, PetStudy, Text

ROUND = 2  # SUV/SUL as reports give them


@dataclass
class Loaded:
    """One PET series read and calibrated; ``suv`` is recomputed when the passport changes."""

    volume: series.PetVolume
    passport: Passport
    suv: np.ndarray = field(repr=False)

    @property
    def geometry(self) -> series.Geometry:
        return self.volume.geometry

    def recalibrated(self, **overrides) -> Loaded:
        """The same series with a corrected input (weight, height, sex, LBM formula)."""
        p = suv.recalibrate(self.passport, **overrides)
        return Loaded(self.volume, p, _suv(self.volume, p))


def _suv(volume: series.PetVolume, p: Passport) -> np.ndarray:
    return volume.data * np.float32(p.scale_factor)


def calibrate_volume(volume: series.PetVolume, **overrides) -> Loaded:
    inputs = suv.read_inputs(volume.headers, volume.files[0].name)
    p = suv.calibrate(inputs, **{k: v for k, v in overrides.items() if v is not None})
    return Loaded(volume, p, _suv(volume, p))


def load(folder: str | Path, *, uid: str | None = None, progress=None, cancelled=None,
         **overrides) -> Loaded:
    """Find the PET series in ``folder`` (the one with ``uid`` when there are several), read
    it and compute its SUV; ``overrides`` correct weight_kg, height_cm, sex, lbm_formula."""
    found = series.find_series(folder, cancelled=cancelled)
    info = series.choose_series(found, folder, uid)
    volume = series.read_series(info, progress=progress, cancelled=cancelled)
    return calibrate_volume(volume, **overrides)


# --- the measure contract ----------------------------------------------------------------------
def _xyz(p) -> list[float]:
    return [round(float(v), 3) for v in p]


def summary(loaded: Loaded, spheres: list[measure.Sphere], liver=None) -> dict:
    """The JSON object of ``pet measure --json`` (see issue 15: a contract)."""
    p, s, g = loaded.passport, loaded.suv, loaded.geometry
    top, peak = measure.global_hotspots(s, g)
    k = p.sul_per_suv
    out = {
        "series": {"uid": loaded.volume.info.uid, "units": p.units,
                   "decay_correction": p.decay_correction, "manufacturer": p.manufacturer},
        "passport": p.to_dict(),
        "patient": {"weight_kg": p.weight_kg, "height_cm": p.height_cm, "sex": p.sex},
        "suv_factor": p.scale_factor,
        "lbm_kg": p.lbm_kg,
        "global": {"suv_max": top.value, "sul_max": top.value * k,
                   "suv_max_position": _xyz(top.position),
                   "sul_peak": peak.value * k, "sul_peak_position": _xyz(peak.position)},
        "spheres": [],
    }
    for sphere in spheres:
        r = measure.measure_sphere(s, g, sphere)
        out["spheres"].append({"center": _xyz(sphere.center), "radius_mm": sphere.radius_mm,
                               "suv_max": r.suv_max.value, "sul_max": r.suv_max.value * k,
                               "sul_peak": r.suv_peak.value * k,
                               "suv_max_position": _xyz(r.suv_max.position),
                               "sul_peak_position": _xyz(r.suv_peak.position)})
    if liver is not None:
        ref = measure.reference(s, g, liver)
        out["liver"] = {"center": _xyz(liver), "sul_mean": ref.suv_mean * k,
                        "sul_sd": ref.suv_sd * k, "suv_max": ref.suv_max,
                        "n_voxels": ref.n_voxels}
    return out


# --- the PET study of a case -------------------------------------------------------------------
def study_date(loaded: Loaded) -> PartialDate:
    """The day of the scan: StudyDate (0008,0020), else the scan reference time's day."""
    text = str(loaded.volume.headers[0].get("StudyDate", "") or "").strip()
    if text:
        try:
            d = datetime.strptime(text, "%Y%m%d")
            return PartialDate(d.year, d.month, d.day)
        except ValueError:
            pass
    if loaded.passport.scan_time is not None:
        d = loaded.passport.scan_time.value
        return PartialDate(d.year, d.month, d.day)
    raise DicomError("missing", tag="StudyDate (0008,0020)",
                     why="the date of the study is unknown; give it (--date)")


def _r(v: float) -> float:
    return round(float(v), ROUND)


def _lesion(loaded: Loaded, voi: NamedVoi) -> Lesion:
    r = measure.measure_sphere(loaded.suv, loaded.geometry, voi.sphere)
    k = loaded.passport.sul_per_suv
    lesion = Lesion(voi.id, sul_max=_r(r.suv_max.value * k), sul_peak=_r(r.suv_peak.value * k),
                    suv_max=_r(r.suv_max.value))
    if lesion.sul_peak > lesion.sul_max:
        raise DicomError("geometry", tag=f"VOI {voi.id}",
                         why=f"SULpeak {lesion.sul_peak} exceeds SULmax {lesion.sul_max} in the "
                             "VOI (the peak sphere reaches hotter tissue outside it); enlarge it")
    return lesion


def provenance(p: Passport, vois: list[NamedVoi], liver, mediastinum) -> Text:
    """A study note saying how the numbers were made — branch, Δt, LBM — without dates."""
    dt = "" if p.delta_t_s is None else f", Δt {p.delta_t_s / 60:.0f} min"
    dt_ru = "" if p.delta_t_s is None else f", Δt {p.delta_t_s / 60:.0f} мин"
    where = "; ".join(f"{v.id} ({_fmt(v.sphere.center)}; r {v.sphere.radius_mm:g} mm)"
                      for v in vois)
    refs = "".join(f"; {name} {_fmt(c)}" for name, c in (("liver", liver),
                                                         ("mediastinum", mediastinum)) if c)
    en = (f"Measured from DICOM: SUVbw {p.branch}, decay {p.decay_correction}{dt}; "
          f"SUL with {p.lbm_formula.capitalize()} LBM {p.lbm_kg:.1f} kg "
          f"(weight {p.weight_kg:g} kg, height {p.height_cm:g} cm). "
          f"VOIs in patient mm (LPS): {where or 'none'}{refs}.")
    ru = (f"Измерено по DICOM: SUVbw {p.branch}, коррекция распада {p.decay_correction}{dt_ru}; "
          f"SUL по безжировой массе ({p.lbm_formula.capitalize()}) {p.lbm_kg:.1f} кг "
          f"(вес {p.weight_kg:g} кг, рост {p.height_cm:g} см). "
          f"VOI в мм пациента (LPS): {where or 'нет'}{refs}.")
    return Text(en, ru)


def _fmt(xyz) -> str:
    return ", ".join(f"{v:g}" for v in xyz)


def to_pet_study(loaded: Loaded, vois: list[NamedVoi], *, liver=None, mediastinum=None,
                 label: Text | None = None, date: PartialDate | None = None,
                 window: tuple[float, float] = mip.DEFAULT_WINDOW) -> PetStudy:
    """A ``PetStudy`` from measured VOIs: lesions (SULmax, SULpeak, SUVmax), the liver
    (SULmean, SD, SUVmax in a 3 cm sphere) and mediastinum (SUVmax) references, and the MIP
    picture. Nothing from the DICOM header is copied but numbers and the study day."""
    ids = [v.id for v in vois]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise DicomError("geometry", tag="--lesion",
                         why=f"lesion id {sorted(dup)[0]!r} given twice")
    p = loaded.passport
    study = PetStudy(date=date or study_date(loaded), label=label or Text(),
                     lesions=[_lesion(loaded, v) for v in vois],
                     image=Image("image/png", mip.mip_png(loaded.suv, loaded.geometry, window)),
                     note=provenance(p, vois, liver, mediastinum))
    if liver is not None:
        ref = measure.reference(loaded.suv, loaded.geometry, liver)
        study.liver_sul_mean = _r(ref.suv_mean * p.sul_per_suv)
        study.liver_sul_sd = _r(ref.suv_sd * p.sul_per_suv)
        study.liver_suv_max = _r(ref.suv_max)
    if mediastinum is not None:
        study.mediastinum_suv_max = _r(measure.reference(loaded.suv, loaded.geometry,
                                                         mediastinum).suv_max)
    return study
