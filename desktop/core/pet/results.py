"""What the PET computations share and return: the names of the criteria and measures,
the PERCIST and Deauville thresholds, the limits of plausible inputs, the messages of
``PetError``, and the result types (``ResponseResult``, ``DeauvilleScore``,
``LesionChange``, ``PairedChart``; ``StudyComparison`` is in ``verdict``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.core.dates import PartialDate
from desktop.core.errors import CasePresenterError
from desktop.core.model import Text
from desktop.core.pet.words import category_text, fmt_pct
from desktop.core.text import message

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

Number = float | int | Decimal


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


def name_of(key: str) -> Text:
    return NAMES.get(key) or Text(key, key)


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
        return fmt_pct(Decimal(repr(self.pct_change)), lang) + " %"


@dataclass(frozen=True)
class PairedChart:
    """Everything a paired before/after chart draws; renderers compute nothing."""

    measure: str | None
    before_date: PartialDate
    after_date: PartialDate
    rows: tuple[LesionChange, ...]
