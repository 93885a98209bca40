"""PET maths and response criteria: lean body mass, SUVbw/SUL, PERCIST 1.0, Deauville/Lugano.

Pure Python, no Qt or ReportLab: the screen, the PDF and the slides draw these results and never
compute a clinical fact of their own. Rules and sources: ``shared/domain/pet-response.md`` —
Wahl et al., J Nucl Med 2009;50:122S (PERCIST 1.0); Cheson et al., J Clin Oncol 2014;32:3059
(Lugano); James 1976 and Janmahasatian et al., Clin Pharmacokinet 2005;44:1051 (lean body mass).

Response edges are decided in exact decimal arithmetic on the values as stored
(``Decimal(repr(x))``), so 10.0 → 7.0 is exactly −30 % and not −29.999… by floating-point
accident. ``None`` means "not reported": nothing is computed from a number the report lacks.

The parts: ``results`` (constants, errors, result types), ``suv`` (lean body mass, SUVbw,
SUL), ``words`` (the reasoning in both languages), ``values`` (numbers from a study),
``percist``, ``deauville``, ``lugano`` and ``compare`` (pairs of studies).
"""

from __future__ import annotations

from desktop.core.pet.compare import check_order, compare_pair, compare_studies, paired_chart
from desktop.core.pet.deauville import deauville_score, study_deauville
from desktop.core.pet.lugano import lugano_category, lugano_response
from desktop.core.pet.percist import measurability_threshold, metabolic_response, percist_category
from desktop.core.pet.results import (
    ACTIVITY_BQ_ML,
    DEAUVILLE_MARKED_FACTOR,
    DOSE_BQ,
    F18_HALF_LIFE_S,
    HALF_LIFE_S,
    HEIGHT_CM,
    LUGANO,
    MAX_HALF_LIVES,
    MEASURABLE_LIVER_MEAN_FACTOR,
    MEASURABLE_LIVER_SD_FACTOR,
    MESSAGES,
    NAMES,
    PERCIST,
    PERCIST_CHANGE_PCT,
    PERCIST_CHANGE_SUL,
    SULMAX,
    SULPEAK,
    SUVMAX,
    VISUAL,
    WEIGHT_KG,
    DeauvilleScore,
    LesionChange,
    Number,
    PairedChart,
    PetError,
    ResponseResult,
)
from desktop.core.pet.suv import (
    LBM_FORMULAS,
    decay_corrected_dose,
    lbm_james,
    lbm_janmahasatian,
    sul_from_suv,
    suv_bw,
)
from desktop.core.pet.values import choose_measure
from desktop.core.pet.verdict import (
    CRITERIA_CHOICES,
    PhysicianRead,
    StudyComparison,
    Verdict,
    criteria_for,
)
from desktop.core.pet.words import MINUS, MISSING_PATIENT, MISSING_SAME_MEASURE, Role, category_text

__all__ = [
    "ACTIVITY_BQ_ML",
    "CRITERIA_CHOICES",
    "DEAUVILLE_MARKED_FACTOR",
    "DOSE_BQ",
    "F18_HALF_LIFE_S",
    "HALF_LIFE_S",
    "HEIGHT_CM",
    "LBM_FORMULAS",
    "LUGANO",
    "MAX_HALF_LIVES",
    "MEASURABLE_LIVER_MEAN_FACTOR",
    "MEASURABLE_LIVER_SD_FACTOR",
    "MESSAGES",
    "MINUS",
    "MISSING_PATIENT",
    "MISSING_SAME_MEASURE",
    "NAMES",
    "PERCIST",
    "PERCIST_CHANGE_PCT",
    "PERCIST_CHANGE_SUL",
    "SULMAX",
    "SULPEAK",
    "SUVMAX",
    "VISUAL",
    "WEIGHT_KG",
    "DeauvilleScore",
    "LesionChange",
    "Number",
    "PairedChart",
    "PetError",
    "PhysicianRead",
    "ResponseResult",
    "Role",
    "StudyComparison",
    "Verdict",
    "category_text",
    "check_order",
    "choose_measure",
    "compare_pair",
    "compare_studies",
    "criteria_for",
    "deauville_score",
    "decay_corrected_dose",
    "lbm_james",
    "lbm_janmahasatian",
    "lugano_category",
    "lugano_response",
    "measurability_threshold",
    "metabolic_response",
    "paired_chart",
    "percist_category",
    "study_deauville",
    "sul_from_suv",
    "suv_bw",
]
