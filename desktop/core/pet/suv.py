"""Lean body mass (James 1976; Janmahasatian et al. 2005), decay-corrected dose, SUVbw
and SUL: every input checked against plausible limits, with a message naming it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Literal

from desktop.core.model import Text
from desktop.core.pet.results import (
    ACTIVITY_BQ_ML,
    DOSE_BQ,
    F18_HALF_LIFE_S,
    HALF_LIFE_S,
    HEIGHT_CM,
    MAX_HALF_LIVES,
    NAMES,
    WEIGHT_KG,
    PetError,
    name_of,
)


def _check(name: str, value: object, lo: float, hi: float, unit: str, hint: str = "") -> float:
    """The value as a float, or a ``PetError`` naming the parameter and what is wrong.
    ``unit`` and ``hint`` are keys of ``NAMES``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PetError("not_number", name=name_of(name), value=value)
    v = float(value)
    if not math.isfinite(v):
        raise PetError("not_finite", name=name_of(name), value=value)
    if lo > 0 >= v:
        raise PetError("not_positive", name=name_of(name), value=value)
    if not lo <= v <= hi:
        raise PetError("out_of_range", name=name_of(name), value=value, lo=lo, hi=hi,
                       unit=name_of(unit) if unit else Text("", ""),
                       hint=NAMES[hint] if hint else Text("", ""))
    return v


def _body(weight_kg: float, height_cm: float, sex: str) -> tuple[float, float, str]:
    w = _check("weight_kg", weight_kg, *WEIGHT_KG, " kg", "kg_hint")
    h = _check("height_cm", height_cm, *HEIGHT_CM, " cm", "cm_hint")
    if sex not in ("F", "M"):
        raise PetError("bad_sex", value=sex)
    return w, h, sex


def lbm_james(weight_kg: float, height_cm: float, sex: str) -> float:
    """James lean body mass (kg): men 1.10·W − 128·(W/H)², women 1.07·W − 148·(W/H)².

    128 for men as in the original and in Slicer (one library uses 120). The formula turns
    down and then negative at high BMI; a non-positive result is refused.
    """
    w, h, sex = _body(weight_kg, height_cm, sex)
    a, b = (1.10, 128.0) if sex == "M" else (1.07, 148.0)
    lbm = a * w - b * (w / h) ** 2
    if lbm <= 0:
        raise PetError("james_fails", weight=weight_kg, height=height_cm)
    return lbm


def lbm_janmahasatian(weight_kg: float, height_cm: float, sex: str) -> float:
    """Janmahasatian lean body mass (kg): men 9270·W/(6680 + 216·BMI), women
    9270·W/(8780 + 244·BMI). Preferred where it differs from James (it holds at high BMI)."""
    w, h, sex = _body(weight_kg, height_cm, sex)
    bmi = w / (h / 100) ** 2
    a, b = (6680.0, 216.0) if sex == "M" else (8780.0, 244.0)
    return 9270.0 * w / (a + b * bmi)


LBM_FORMULAS: dict[str, Callable[[float, float, str], float]] = {
    "janmahasatian": lbm_janmahasatian,
    "james": lbm_james,
}


def _elapsed_s(injection_time: datetime, scan_time: datetime, half_life_s: float) -> float:
    for name, t in (("injection_time", injection_time), ("scan_time", scan_time)):
        if not isinstance(t, datetime):
            raise PetError("not_datetime", name=name_of(name), value=t)
    if (injection_time.tzinfo is None) != (scan_time.tzinfo is None):
        raise PetError("time_zones")
    dt = (scan_time - injection_time).total_seconds()
    if dt < 0:
        raise PetError("scan_before_injection", scan=scan_time.isoformat(),
                       injection=injection_time.isoformat())
    if dt > MAX_HALF_LIVES * half_life_s:
        raise PetError("too_late", hours=dt / 3600, n=MAX_HALF_LIVES, half=half_life_s)
    return dt


def decay_corrected_dose(dose_bq: float, injection_time: datetime, scan_time: datetime,
                         half_life_s: float = F18_HALF_LIFE_S) -> float:
    """The injected dose decayed to the scan: dose × 2^(−Δt / T½), in Bq."""
    dose = _check("dose_bq", dose_bq, *DOSE_BQ, " Bq", "bq_hint")
    half = _check("half_life_s", half_life_s, *HALF_LIFE_S, " s")
    return dose * 2.0 ** (-_elapsed_s(injection_time, scan_time, half) / half)


def suv_bw(activity_bq_ml: float, weight_kg: float, dose_bq: float, injection_time: datetime,
           scan_time: datetime, half_life_s: float = F18_HALF_LIFE_S) -> float:
    """SUVbw = activity concentration (Bq/mL) × body weight (g) / decay-corrected dose (Bq)."""
    activity = _check("activity_bq_ml", activity_bq_ml, *ACTIVITY_BQ_ML, " Bq/mL")
    w = _check("weight_kg", weight_kg, *WEIGHT_KG, " kg", "kg_hint")
    return activity * w * 1000.0 / decay_corrected_dose(dose_bq, injection_time, scan_time,
                                                        half_life_s)


def sul_from_suv(suv: float, weight_kg: float, height_cm: float, sex: str,
                 formula: Literal["janmahasatian", "james"] = "janmahasatian") -> float:
    """SUL = SUVbw × LBM / W: uptake normalised to lean mass, which fat barely takes up."""
    s = _check("suv", suv, 0.0, 1000.0, "")
    if formula not in LBM_FORMULAS:
        raise PetError("bad_formula", known=", ".join(LBM_FORMULAS), value=formula)
    return s * LBM_FORMULAS[formula](weight_kg, height_cm, sex) / float(weight_kg)
