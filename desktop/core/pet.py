"""PET maths and response criteria: lean body mass, SUVbw/SUL, PERCIST 1.0, Deauville/Lugano.

Pure Python, no Qt or ReportLab: the screen, the PDF and the slides draw these results and never
compute a clinical fact of their own. Rules and sources: ``shared/domain/pet-response.md`` —
Wahl et al., J Nucl Med 2009;50:122S (PERCIST 1.0); Cheson et al., J Clin Oncol 2014;32:3059
(Lugano); James 1976 and Janmahasatian et al., Clin Pharmacokinet 2005;44:1051 (lean body mass).

Response edges are decided in exact decimal arithmetic on the values as stored
(``Decimal(repr(x))``), so 10.0 → 7.0 is exactly −30 % and not −29.999… by floating-point
accident. ``None`` means "not reported": nothing is computed from a number the report lacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from desktop.core.dates import PartialDate
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, Lesion, Patient, PetStudy, Text
from desktop.core.text import message
from desktop.core.vocab import RESPONSES

# --- constants ---------------------------------------------------------------------------------
F18_HALF_LIFE_S = 6586.2
PERCIST = "PERCIST 1.0"
LUGANO = "Deauville/Lugano 2014"
VISUAL = "visual"
SULPEAK = "SULpeak"
SULMAX = "SULmax"
SUVMAX = "SUVmax"  # Deauville: same scale as the liver and mediastinum references

#: PERCIST 1.0 thresholds (Wahl 2009, table 1); compared only in ``percist_category``.
PERCIST_CHANGE_PCT = Decimal(30)
PERCIST_CHANGE_SUL = Decimal("0.8")
MEASURABLE_LIVER_MEAN_FACTOR = Decimal("1.5")
MEASURABLE_LIVER_SD_FACTOR = Decimal(2)
#: Deauville 5 ("markedly higher than liver", about 2–3 × liver): the proxy is > 2 × liver.
DEAUVILLE_MARKED_FACTOR = Decimal(2)

#: Plausible input ranges: a value outside is a unit mistake (grams, metres, MBq), not a patient.
WEIGHT_KG = (0.3, 500.0)
HEIGHT_CM = (30.0, 300.0)
DOSE_BQ = (1e6, 1e11)
ACTIVITY_BQ_ML = (0.0, 1e9)
HALF_LIFE_S = (1.0, 1e7)
MAX_HALF_LIVES = 10  # after 10 half-lives < 0.1 % of the dose is left: a wrong time, not a scan

MINUS = "\u2212"
Number = float | int | Decimal
Role = Literal["baseline", "follow-up"]


#: Why a PET input cannot be used, in both languages (``PetError.text``).
MESSAGES: dict[str, Text] = {
    "not_number": Text("{name} must be a number, got {value!r}",
                       "{name}: должно быть числом, получено {value!r}"),
    "not_finite": Text("{name} must be a finite number, got {value!r}",
                       "{name}: должно быть конечным числом, получено {value!r}"),
    "not_positive": Text("{name} must be positive, got {value!r}",
                         "{name}: должно быть больше нуля, получено {value!r}"),
    "out_of_range": Text("{name} {value!r} is outside {lo:g}–{hi:g}{unit}{hint}",
                         "{name} {value!r} вне диапазона {lo:g}–{hi:g}{unit}{hint}"),
    "bad_sex": Text("sex must be 'F' or 'M', got {value!r}",
                    "пол должен быть 'F' или 'M', получено {value!r}"),
    "james_fails": Text("the James lean body mass is not positive at weight_kg {weight!r}, "
                        "height_cm {height!r} (it fails at high BMI); use Janmahasatian",
                        "безжировая масса тела по James не положительна при весе {weight!r} кг "
                        "и росте {height!r} см (формула не работает при высоком ИМТ); "
                        "используйте формулу Janmahasatian"),
    "not_datetime": Text("{name} must be a date and time, got {value!r}",
                         "{name}: должно быть датой и временем, получено {value!r}"),
    "time_zones": Text("injection_time and scan_time must both have a time zone or both not",
                       "время введения и время сканирования должны быть оба с часовым поясом "
                       "или оба без него"),
    "scan_before_injection": Text("scan_time {scan} is before injection_time {injection}",
                                  "время сканирования {scan} раньше времени введения "
                                  "{injection}"),
    "too_late": Text("scan_time is {hours:.1f} h after injection_time, more than "
                     "{n} half-lives ({half:g} s): check the times",
                     "сканирование через {hours:.1f} ч после введения, больше {n} периодов "
                     "полураспада ({half:g} с): проверьте время"),
    "bad_formula": Text("formula must be one of {known}, got {value!r}",
                        "формула должна быть одной из: {known}, получено {value!r}"),
    "bad_stored": Text("{where}: must be a finite number ≥ 0, got {value!r}",
                       "{where}: должно быть конечным числом ≥ 0, получено {value!r}"),
    "follow_up_first": Text("the follow-up PET study dated {follow} is before its baseline "
                            "dated {base}",
                            "контрольное ПЭТ-исследование от {follow} раньше исходного от {base}"),
}
#: The inputs of the SUL maths by name, and the hints that follow an implausible value.
NAMES: dict[str, Text] = {
    "weight_kg": Text("weight_kg", "вес"),
    "height_cm": Text("height_cm", "рост"),
    "dose_bq": Text("dose_bq", "доза"),
    "half_life_s": Text("half_life_s", "период полураспада"),
    "activity_bq_ml": Text("activity_bq_ml", "активность"),
    "suv": Text("suv", "SUV"),
    "injection_time": Text("injection_time", "время введения"),
    "scan_time": Text("scan_time", "время сканирования"),
    "kg_hint": Text(" (give the weight in kilograms)", " (укажите вес в килограммах)"),
    "cm_hint": Text(" (give the height in centimetres; DICOM PatientSize is in metres)",
                    " (укажите рост в сантиметрах; PatientSize в DICOM — в метрах)"),
    "bq_hint": Text(" (give the dose in becquerels, 1 MBq = 1e6)",
                    " (укажите дозу в беккерелях, 1 МБк = 1e6)"),
    " kg": Text(" kg", " кг"), " cm": Text(" cm", " см"), " Bq": Text(" Bq", " Бк"),
    " Bq/mL": Text(" Bq/mL", " Бк/мл"), " s": Text(" s", " с"),
}


class PetError(CasePresenterError, ValueError):
    """A PET input that cannot be used; the message names the parameter or field.

    ``str(e)`` is English; ``e.text`` holds the message in English and Russian."""

    def __init__(self, key: str, **fields: object) -> None:
        self.text = message(MESSAGES[key], **fields)
        super().__init__(self.text.en)


def _name(key: str) -> Text:
    return NAMES.get(key) or Text(key, key)


# --- lean body mass, SUVbw, SUL ----------------------------------------------------------------
def _check(name: str, value: object, lo: float, hi: float, unit: str, hint: str = "") -> float:
    """The value as a float, or a ``PetError`` naming the parameter and what is wrong.
    ``unit`` and ``hint`` are keys of ``NAMES``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PetError("not_number", name=_name(name), value=value)
    v = float(value)
    if not math.isfinite(v):
        raise PetError("not_finite", name=_name(name), value=value)
    if lo > 0 >= v:
        raise PetError("not_positive", name=_name(name), value=value)
    if not lo <= v <= hi:
        raise PetError("out_of_range", name=_name(name), value=value, lo=lo, hi=hi,
                       unit=_name(unit) if unit else Text("", ""),
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
            raise PetError("not_datetime", name=_name(name), value=t)
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


# --- results -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResponseResult:
    """One response assessment, with the numbers it used and its reasoning in both languages."""

    criteria: str  # PERCIST | LUGANO | VISUAL
    category: str | None  # CMR | PMR | SMD | PMD (PERCIST) | NMR (Lugano) | None
    measure: str | None  # SULpeak | SULmax
    before: float | None
    after: float | None
    abs_change: float | None
    pct_change: float | None
    missing: tuple[Text, ...]
    explanation: Text

    @property
    def basis(self) -> str:
        """"visual" when the category is the physician's read, "quantitative" otherwise."""
        return VISUAL if self.criteria == VISUAL else "quantitative"

    @property
    def category_label(self) -> Text | None:
        return category_text(self.category) if self.category else None


@dataclass(frozen=True)
class DeauvilleScore:
    """The Deauville score of one study: as recorded by the physician, or a numeric proxy."""

    score: str | None  # "1".."5" | "X" | None
    source: str  # "recorded" | "computed" | "missing"
    uptake: float | None  # hottest lesion SULmax used
    missing: tuple[Text, ...]
    explanation: Text


@dataclass(frozen=True)
class LesionChange:
    """One lesion in both studies (matched by id); a side is None where it is not reported."""

    id: str
    site: Text
    before: float | None
    after: float | None
    abs_change: float | None
    pct_change: float | None

    def pct_text(self, lang: str) -> str:
        """The change as printed, e.g. "−60.3 %"; empty where it cannot be computed."""
        if self.pct_change is None:
            return ""
        return _pct(Decimal(repr(self.pct_change)), lang) + " %"


@dataclass(frozen=True)
class PairedChart:
    """Everything a paired before/after chart draws; renderers compute nothing."""

    measure: str | None
    before_date: PartialDate
    after_date: PartialDate
    rows: tuple[LesionChange, ...]


@dataclass(frozen=True)
class StudyComparison:
    baseline: PetStudy
    follow_up: PetStudy
    response: ResponseResult  # PERCIST 1.0, or the recorded visual read when it cannot be computed
    deauville: tuple[DeauvilleScore, DeauvilleScore]  # baseline, follow-up
    lugano: ResponseResult
    chart: PairedChart


# --- words -------------------------------------------------------------------------------------
_ROLE = {"baseline": Text("baseline", "на исходном исследовании"),
         "follow-up": Text("follow-up", "на контрольном исследовании")}
_FIELD = {
    "lesion": Text("lesion SULpeak or SULmax", "SULpeak или SULmax очага"),
    "lesion_sul_max": Text("lesion SULmax", "SULmax очага"),
    "liver_sul_mean": Text("liver SULmean", "SULmean печени"),
    "liver_sul_sd": Text("liver SUL SD", "SD SUL печени"),
    "liver_sul_mean_cmr": Text("liver SULmean (CMR not tested)",
                               "SULmean печени (CMR не проверялся)"),
    "liver_suv_max": Text("liver SUVmax", "SUVmax печени"),
    "mediastinum_suv_max": Text("mediastinum SUVmax", "SUVmax средостения"),
    "new_lesions": Text("new lesions (yes/no)", "новые очаги (да/нет)"),
}
MISSING_SAME_MEASURE = Text(
    "one measure (SULpeak or SULmax) recorded for every lesion of both studies",
    "один показатель (SULpeak или SULmax) для всех очагов обоих исследований")
MISSING_PATIENT = Text(
    "patient weight, height and sex (to put liver and mediastinum SUVmax on the SUL scale)",
    "масса тела, рост и пол пациента (для пересчёта SUVmax печени и средостения в SUL)")
_W = {  # phrases, each once in both languages
    "not_reported": Text("not reported", "не указан"),
    "not_assessable": Text("not assessable by {c}; missing: {m}",
                           "оценка по {c} невозможна; не хватает: {m}"),
    "not_recorded": Text(" Not recorded: {m}.", " Не указано: {m}."),
    "on_sulmax": Text(" Computed on SULmax: SULpeak is not recorded for every lesion.",
                      " Рассчитано по SULmax: SULpeak указан не для всех очагов."),
    "new": Text("new lesions", "новые очаги"),
    "visual": Text("{r}, as read visually", "{r} по визуальной оценке"),
    "x": Text("X, new uptake unlikely to be related to the disease: no Lugano category",
              "X, новое накопление, вероятно не связанное с болезнью: категория Lugano "
              "не присваивается"),
    "not_computed": Text(" ({c} not computed; missing: {m})",
                         " (расчёт по {c} не проведён; не хватает: {m})"),
    "not_measurable": Text(
        "baseline {v} ≤ {f} × liver SULmean + {s} × SD = {t}: not measurable, no category ({c})",
        "исходный {v} ≤ {f} × SULmean печени + {s} × SD = {t}: очаг неизмеряемый, "
        "категория не присваивается ({c})"),
    "proxy": Text("; the numeric thresholds are a proxy for a visual scale",
                  "; числовые пороги лишь приближают визуальную шкалу"),
    "recorded": Text("Deauville {s}, as scored by the physician",
                     "Deauville {s} по оценке врача"),
    "deauville": Text("Deauville {s}: lesion SULmax {u} {why} (liver {l}, mediastinum {m}, "
                      "SUL = SUVmax × LBM/weight)",
                      "Deauville {s}: SULmax очага {u} {why} (печень {l}, средостение {m}, "
                      "SUL = SUVmax × БМТ/масса)"),
    "deauville_suv": Text("Deauville {s}: lesion SUVmax {u} {why} (liver SUVmax {l}, "
                          "mediastinum SUVmax {m})",
                          "Deauville {s}: SUVmax очага {u} {why} (SUVmax печени {l}, "
                          "средостения {m})"),
}
_WHY = {
    "none": Text("= 0, no uptake", "= 0, накопления нет"),
    "le_med": Text("≤ mediastinum", "≤ средостения"),
    "le_liver": Text("> mediastinum, ≤ liver", "> средостения, ≤ печени"),
    "lt_liver_alone": Text("< liver (mediastinum ≥ liver: liver alone compared)",
                           "< печени (средостение ≥ печени: сравнение только с печенью)"),
    "eq_liver_alone": Text("= liver (mediastinum ≥ liver: liver alone compared)",
                           "= печени (средостение ≥ печени: сравнение только с печенью)"),
    "gt_liver": Text("> liver, ≤ {f} × liver", "> печени, ≤ {f} × печени"),
    "marked": Text("> {f} × liver", "> {f} × печени"),
    "new": Text("with new lesions", "с новыми очагами"),
}


def category_text(code: str) -> Text:
    """The bilingual label of a response category; an unknown code is shown as written."""
    return RESPONSES.get(code) or Text(code, code)


def _num(d: Decimal, lang: str) -> str:
    """A value as given (11.93 stays 11.93), real minus sign, decimal comma in Russian."""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0")
        s = s + "0" if s.endswith(".") else s
    s = s.replace("-", MINUS)
    return s.replace(".", ",") if lang == "ru" else s


def _signed(d: Decimal, lang: str) -> str:
    return ("+" if d > 0 else "") + _num(d, lang)


def _pct(d: Decimal, lang: str) -> str:
    q = d.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return _signed(q if q != 0 else abs(q), lang)


def _missing(role: Role, field: str) -> Text:
    f, r = _FIELD[field], _ROLE[role]
    return Text(f"{r.en} {f.en}", f"{f.ru} {r.ru}")


def _join(items: tuple[Text, ...] | list[Text], lang: str) -> str:
    return ", ".join(t.get(lang) or "" for t in items)


def _text(render: Callable[[str], str]) -> Text:
    return Text(render("en"), render("ru"))


# --- numbers from a study ----------------------------------------------------------------------
def _as_dec(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def _opt(value: Number | None) -> Decimal | None:
    return None if value is None else _as_dec(value)


def _dec(value: float | None, where: Callable[[], str]) -> Decimal | None:
    """The stored value as an exact decimal; a negative or non-finite value names its field."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or value < 0:
        raise PetError("bad_stored", where=where(), value=value)
    return Decimal(repr(value))


def _ref(study: PetStudy, field: str, role: Role) -> Decimal | None:
    return _dec(getattr(study, field), lambda: f"{role} PET {study.date.iso()} {field}")


def _lesion_value(lesion: Lesion, measure: str) -> float | None:
    return {SULPEAK: lesion.sul_peak, SULMAX: lesion.sul_max, SUVMAX: lesion.suv_max}[measure]


def choose_measure(*studies: PetStudy) -> str | None:
    """SULpeak (PERCIST's measure) when every valued lesion has it, else SULmax when every one
    has that, else None: the hottest lesion is only found on one measure across both studies."""
    valued = [x for s in studies for x in s.lesions
              if x.sul_peak is not None or x.sul_max is not None]
    if all(x.sul_peak is not None for x in valued):
        return SULPEAK
    if all(x.sul_max is not None for x in valued):
        return SULMAX
    return None


def _lesion_dec(lesion: Lesion | None, measure: str | None, study: PetStudy, role: Role
                ) -> Decimal | None:
    if lesion is None or measure is None:
        return None
    return _dec(_lesion_value(lesion, measure),
                lambda: f"{role} PET {study.date.iso()} lesion {lesion.id!r} {measure}")


def _hottest(study: PetStudy, measure: str | None, role: Role) -> Decimal | None:
    """The hottest lesion's value (PERCIST: it may be a different lesion at follow-up)."""
    values = (_lesion_dec(x, measure, study, role) for x in study.lesions)
    return max((d for d in values if d is not None), default=None)


def _change(before: Decimal | None, after: Decimal | None
            ) -> tuple[Decimal | None, Decimal | None]:
    if before is None or after is None:
        return None, None
    diff = after - before
    return diff, (diff * 100 / before if before else None)


def _f(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


def _head(measure: str | None, b: Decimal | None, a: Decimal | None, lang: str,
          with_change: bool) -> str:
    """"SULpeak 7.8 → 3.1 (−60.3 %, −4.7 SUL)"; a side not reported says so."""
    if measure is None or (b is None and a is None):
        return ""
    nr = _W["not_reported"].get(lang)
    s = f"{measure} {_num(b, lang) if b is not None else nr} → " \
        f"{_num(a, lang) if a is not None else nr}"
    diff, pct = _change(b, a)
    if with_change and diff is not None:
        s += f" ({_pct(pct, lang) + ' %, ' if pct is not None else ''}{_signed(diff, lang)} SUL)"
    return s


# --- PERCIST 1.0 -------------------------------------------------------------------------------
def measurability_threshold(liver_mean: Number, liver_sd: Number) -> Decimal:
    """1.5 × liver SULmean + 2 × liver SD: the baseline SULpeak must exceed it."""
    return (MEASURABLE_LIVER_MEAN_FACTOR * _as_dec(liver_mean)
            + MEASURABLE_LIVER_SD_FACTOR * _as_dec(liver_sd))


def percist_category(before: Number | None, after: Number | None, *,
                     liver_mean: Number | None, liver_sd: Number | None,
                     follow_liver_mean: Number | None = None,
                     new_lesions: bool = False) -> str | None:
    """The PERCIST 1.0 category of the hottest lesion's SULpeak (or SULmax) before → after.

    Every PERCIST comparison lives here (Wahl et al. 2009, table 1), in exact decimals; the
    percent edge is tested as change × 100 against 30 × before, with no division:
    - a new FDG-avid lesion → PMD, whatever the numbers;
    - measurable at baseline: before **>** 1.5 × liver SULmean + 2 × SD ("greater than");
      not measurable → None;
    - CMR: after **<** the follow-up liver SULmean ("less than mean liver activity"); the blood
      pool is not recorded, so this is tested only when the follow-up liver mean is known;
    - PMR: decrease **≥** 30 % and **≥** 0.8 SUL ("a minimum of 30 %", "at least 0.8"), so
      exactly −30 % is PMR;
    - PMD: increase **>** 30 % and **>** 0.8 SUL ("more than"), so exactly +30 % is not PMD;
    - SMD: none of these. Missing values → None.
    """
    if new_lesions:
        return "PMD"
    if before is None or after is None or liver_mean is None or liver_sd is None:
        return None
    b, a = _as_dec(before), _as_dec(after)
    if not b > measurability_threshold(liver_mean, liver_sd):
        return None
    if follow_liver_mean is not None and a < _as_dec(follow_liver_mean):
        return "CMR"
    diff = a - b
    if diff * 100 <= -PERCIST_CHANGE_PCT * b and diff <= -PERCIST_CHANGE_SUL:
        return "PMR"
    if diff * 100 > PERCIST_CHANGE_PCT * b and diff > PERCIST_CHANGE_SUL:
        return "PMD"
    return "SMD"


def _result(criteria: str, category: str | None, measure: str | None, b: Decimal | None,
            a: Decimal | None, missing: list[Text], explain: Callable[[str], str],
            computed: bool = True) -> ResponseResult:
    diff, pct = _change(b, a) if computed else (None, None)
    return ResponseResult(criteria, category, measure, _f(b), _f(a), _f(diff), _f(pct),
                          tuple(missing), _text(explain))


def _percist_missing(baseline: PetStudy, follow_up: PetStudy, measure: str | None,
                     b: Decimal | None, a: Decimal | None) -> list[Text]:
    missing = [MISSING_SAME_MEASURE] if measure is None else []
    if measure is not None and b is None:
        missing.append(_missing("baseline", "lesion"))
    if measure is not None and a is None:
        missing.append(_missing("follow-up", "lesion"))
    for field in ("liver_sul_mean", "liver_sul_sd"):
        if getattr(baseline, field) is None:
            missing.append(_missing("baseline", field))
    return missing


def metabolic_response(baseline: PetStudy, follow_up: PetStudy) -> ResponseResult:
    """PERCIST 1.0 on the hottest lesion of each study; where it cannot be computed, the
    physician's recorded visual read as such, or else exactly what is missing."""
    measure = choose_measure(baseline, follow_up)
    b = _hottest(baseline, measure, "baseline")
    a = _hottest(follow_up, measure, "follow-up")
    liver_mean = _ref(baseline, "liver_sul_mean", "baseline")
    liver_sd = _ref(baseline, "liver_sul_sd", "baseline")
    follow_liver = _ref(follow_up, "liver_sul_mean", "follow-up")
    new = follow_up.new_lesions is True
    missing = _percist_missing(baseline, follow_up, measure, b, a)
    if missing and not new:
        if follow_up.visual_response:
            return _visual(follow_up.visual_response, measure, b, a, missing)
        return _result(PERCIST, None, measure, b, a, missing, lambda lang: _prefix(
            _head(measure, b, a, lang, True), _W["not_assessable"].get(lang).format(
                c=PERCIST, m=_join(missing, lang))))
    category = percist_category(b, a, liver_mean=liver_mean, liver_sd=liver_sd,
                                follow_liver_mean=follow_liver, new_lesions=new)
    if category is None:
        return _not_measurable(measure, b, a, liver_mean, liver_sd)
    caveats = _percist_caveats(category, follow_up, follow_liver)
    return _result(PERCIST, category, measure, b, a, caveats,
                   lambda lang: _percist_text(category, measure, b, a, new, caveats, lang))


def _percist_caveats(category: str, follow_up: PetStudy, follow_liver: Decimal | None
                     ) -> list[Text]:
    """What the category could not check: CMR without a follow-up liver mean; whether there
    are new lesions when the report does not say (either would change the category)."""
    caveats = []
    if follow_liver is None and category in ("PMR", "SMD"):
        caveats.append(_missing("follow-up", "liver_sul_mean_cmr"))
    if follow_up.new_lesions is None and category != "PMD":
        caveats.append(_missing("follow-up", "new_lesions"))
    return caveats


def _prefix(head: str, rest: str) -> str:
    return f"{head}: {rest}" if head else rest[:1].upper() + rest[1:]


def _percist_text(category: str, measure: str | None, b: Decimal | None, a: Decimal | None,
                  new: bool, caveats: list[Text], lang: str) -> str:
    head = _head(measure, b, a, lang, True)
    label = category_text(category).get(lang)
    if new:
        body = f"{_W['new'].get(lang)}: {label} ({PERCIST})"
        s = f"{head}; {body}" if head else body[:1].upper() + body[1:]
    else:
        s = f"{head}: {label} ({PERCIST})"
    if measure == SULMAX:
        s += _W["on_sulmax"].get(lang)
    if caveats:
        s += _W["not_recorded"].get(lang).format(m=_join(caveats, lang))
    return s


def _not_measurable(measure: str | None, b: Decimal | None, a: Decimal | None,
                    liver_mean: Decimal | None, liver_sd: Decimal | None) -> ResponseResult:
    # percist_category gives None with nothing missing only for a non-measurable baseline
    assert b is not None and liver_mean is not None and liver_sd is not None
    threshold = measurability_threshold(liver_mean, liver_sd)

    def explain(lang: str) -> str:
        s = _head(measure, b, a, lang, True) + "; " + _W["not_measurable"].get(lang).format(
            v=_num(b, lang), f=_num(MEASURABLE_LIVER_MEAN_FACTOR, lang),
            s=_num(MEASURABLE_LIVER_SD_FACTOR, lang), t=_num(threshold, lang), c=PERCIST)
        return s + (_W["on_sulmax"].get(lang) if measure == SULMAX else "")

    return _result(PERCIST, None, measure, b, a, [], explain)


def _visual(code: str, measure: str | None, b: Decimal | None, a: Decimal | None,
            missing: list[Text]) -> ResponseResult:
    """The recorded visual read, shown as such: values as given, nothing computed."""
    def explain(lang: str) -> str:
        read = _W["visual"].get(lang).format(r=category_text(code).get(lang))
        why = _W["not_computed"].get(lang).format(c=PERCIST, m=_join(missing, lang))
        return _prefix(_head(measure, b, a, lang, False), read) + why

    return _result(VISUAL, code, measure, b, a, missing, explain, computed=False)


# --- Deauville and Lugano ----------------------------------------------------------------------
def _deauville(uptake: Decimal | None, liver: Decimal | None, mediastinum: Decimal | None,
               new_lesions: bool) -> tuple[str | None, str]:
    """(score, reason): every Deauville comparison, in one place. Numeric thresholds are a
    proxy for a visual scale; 5 = "markedly higher than liver" is taken as > 2 × liver."""
    if new_lesions:
        return "5", "new"
    if uptake is not None and uptake == 0:
        return "1", "none"
    if uptake is None or liver is None:
        return None, ""
    if uptake > DEAUVILLE_MARKED_FACTOR * liver:
        return "5", "marked"
    if uptake > liver:
        return "4", "gt_liver"
    if mediastinum is None:
        return None, ""
    if mediastinum >= liver:  # compare with the liver alone: below → 2, equal → 3
        return ("2", "lt_liver_alone") if uptake < liver else ("3", "eq_liver_alone")
    return ("2", "le_med") if uptake <= mediastinum else ("3", "le_liver")


def deauville_score(uptake: Number | None, liver: Number | None, mediastinum: Number | None = None,
                    *, new_lesions: bool = False) -> str | None:
    """The Deauville score ("1".."5") of a lesion's uptake against liver and mediastinum, all in
    one unit (SUVmax or SULmax); None when a needed reference is missing. "X" is never
    computed: only a physician records it."""
    return _deauville(_opt(uptake), _opt(liver), _opt(mediastinum), new_lesions)[0]


def _sul_factor(patient: Patient | None) -> Decimal | None:
    """LBM / W (Janmahasatian): turns the references' SUVmax into the lesions' SUL scale."""
    if patient is None or None in (patient.weight_kg, patient.height_cm, patient.sex):
        return None
    lbm = lbm_janmahasatian(patient.weight_kg, patient.height_cm, patient.sex)
    return Decimal(repr(lbm / patient.weight_kg))


def _scaled(value: Decimal | None, factor: Decimal | None) -> Decimal | None:
    return None if value is None or factor is None else value * factor


def study_deauville(study: PetStudy, patient: Patient | None = None,
                    role: Role = "follow-up") -> DeauvilleScore:
    """The physician's recorded score if any; else the numeric proxy from the hottest lesion.

    Lesion SUVmax is compared with the liver and mediastinum SUVmax directly when recorded;
    otherwise the lesion's SULmax is compared with the references put on the SUL scale with
    the patient's LBM/W. Values on different scales are never compared."""
    if study.deauville is not None:
        text = _text(lambda lang: _W["recorded"].get(lang).format(s=study.deauville))
        return DeauvilleScore(study.deauville, "recorded", None, (), text)
    on_suv = any(x.suv_max is not None for x in study.lesions)
    uptake = _hottest(study, SUVMAX if on_suv else SULMAX, role)
    factor = Decimal(1) if on_suv else _sul_factor(patient)
    liver = _scaled(_ref(study, "liver_suv_max", role), factor)
    mediastinum = _scaled(_ref(study, "mediastinum_suv_max", role), factor)
    new = study.new_lesions is True
    score, why = _deauville(uptake, liver, mediastinum, new)
    if score is None:
        missing = _deauville_missing(study, uptake, factor, role)
        text = _text(lambda lang: _prefix("", _W["not_assessable"].get(lang).format(
            c="Deauville", m=_join(missing, lang))))
        return DeauvilleScore(None, "missing", _f(uptake), missing, text)
    template = "deauville_suv" if on_suv else "deauville"
    return DeauvilleScore(score, "computed", _f(uptake), (), _text(
        lambda lang: _deauville_text(score, why, uptake, liver, mediastinum, lang, template)))


def _deauville_missing(study: PetStudy, uptake: Decimal | None, factor: Decimal | None,
                       role: Role) -> tuple[Text, ...]:
    missing = [] if uptake is not None else [_missing(role, "lesion_sul_max")]
    missing += [_missing(role, f) for f in ("liver_suv_max", "mediastinum_suv_max")
                if getattr(study, f) is None]
    return tuple(missing + ([MISSING_PATIENT] if factor is None else []))


def _deauville_text(score: str, why: str, uptake: Decimal | None, liver: Decimal | None,
                    mediastinum: Decimal | None, lang: str, template: str = "deauville") -> str:
    reason = _WHY[why].get(lang).format(f=_num(DEAUVILLE_MARKED_FACTOR, lang))
    if why == "new":
        return f"Deauville 5: {reason}"

    def ref(d: Decimal | None) -> str:
        q = None if d is None else d.quantize(Decimal("0.01"), ROUND_HALF_UP)
        return _num(q, lang) if q is not None else _W["not_reported"].get(lang)

    assert uptake is not None
    return _W[template].get(lang).format(
        s=score, u=_num(uptake, lang), why=reason, l=ref(liver), m=ref(mediastinum)
    ) + _W["proxy"].get(lang)


def lugano_category(before: str | None, after: str | None, *, new_lesions: bool = False
                    ) -> str | None:
    """Lugano 2014 metabolic response from the Deauville pair: CMR = 1–3 at follow-up;
    with 4–5, PMD for new lesions or a higher score, PMR for a lower score, NMR for the same
    score. The source's "reduced/increased uptake" is read from the score pair: within one
    score the app does not judge a "significant change" (no number is given for it)."""
    if new_lesions:
        return "PMD"
    if after is None or after == "X":
        return None
    if after in ("1", "2", "3"):
        return "CMR"
    if before is None or before == "X":
        return None
    if int(after) > int(before):
        return "PMD"
    return "PMR" if int(after) < int(before) else "NMR"


def lugano_response(baseline: PetStudy, follow_up: PetStudy,
                    patient: Patient | None = None) -> tuple[DeauvilleScore, DeauvilleScore,
                                                              ResponseResult]:
    """Deauville at baseline and follow-up, and the Lugano category from the pair."""
    before = study_deauville(baseline, patient, "baseline")
    after = study_deauville(follow_up, patient, "follow-up")
    new = follow_up.new_lesions is True
    category = lugano_category(before.score, after.score, new_lesions=new)
    b, a = _hottest(baseline, SULMAX, "baseline"), _hottest(follow_up, SULMAX, "follow-up")
    measure = SULMAX if b is not None or a is not None else None
    missing = [] if category is not None else list(dict.fromkeys(before.missing + after.missing))
    proxy = "computed" in (before.source, after.source)

    def explain(lang: str) -> str:
        pair = f"Deauville {before.score or '?'} → {after.score or '?'}"
        if category is None:
            why = _W["not_assessable"].get(lang).format(c="Lugano 2014", m=_join(missing, lang))
            if after.score == "X":
                why = _W["x"].get(lang)
            return f"{pair}: {why}"
        s = f"{pair}: {category_text(category).get(lang)} (Lugano 2014)"
        if new:
            s = f"{pair}, {_W['new'].get(lang)}: {category_text(category).get(lang)} (Lugano 2014)"
        return s + (_W["proxy"].get(lang) if proxy else "")

    return before, after, _result(LUGANO, category, measure, b, a, missing, explain)


# --- pairs of studies --------------------------------------------------------------------------
def paired_chart(baseline: PetStudy, follow_up: PetStudy) -> PairedChart:
    """Per lesion (matched by id; baseline order, then lesions new at follow-up): id, site,
    before, after and change, on the one measure PERCIST uses for this pair."""
    measure = choose_measure(baseline, follow_up)
    before = {x.id: x for x in baseline.lesions}
    after = {x.id: x for x in follow_up.lesions}
    rows = []
    for lid in list(before) + [i for i in after if i not in before]:
        b = _lesion_dec(before.get(lid), measure, baseline, "baseline")
        a = _lesion_dec(after.get(lid), measure, follow_up, "follow-up")
        diff, pct = _change(b, a)
        site = (before.get(lid) or after[lid]).site
        rows.append(LesionChange(lid, site, _f(b), _f(a), _f(diff), _f(pct)))
    return PairedChart(measure, baseline.date, follow_up.date, tuple(rows))


def check_order(baseline: PetStudy, follow_up: PetStudy) -> None:
    """A follow-up that certainly precedes its baseline (its whole period ends before the
    baseline's begins) is an error; overlapping partial dates are allowed."""
    if follow_up.date.end() < baseline.date.start():
        raise PetError("follow_up_first", follow=follow_up.date.iso(), base=baseline.date.iso())


def compare_pair(baseline: PetStudy, follow_up: PetStudy,
                 patient: Patient | None = None) -> StudyComparison:
    """Everything the app shows for one baseline → follow-up pair."""
    check_order(baseline, follow_up)
    before, after, lugano = lugano_response(baseline, follow_up, patient)
    return StudyComparison(baseline, follow_up, metabolic_response(baseline, follow_up),
                           (before, after), lugano, paired_chart(baseline, follow_up))


def compare_studies(case: Case) -> list[StudyComparison]:
    """Each follow-up study against the baseline, the earliest study by date (studies may be
    listed in any order)."""
    studies = sorted(case.pet_studies, key=lambda s: s.date.sort_key())
    if len(studies) < 2:
        return []
    baseline, *follow_ups = studies
    return [compare_pair(baseline, s, case.patient) for s in follow_ups]
