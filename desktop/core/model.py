"""The case: plain dataclasses, no I/O. ``None`` always means "not reported"."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.dates import PartialDate
from desktop.core.text import Text

LANGS = ("en", "ru")


@dataclass
class Patient:
    sex: str | None = None  # "F" | "M"; None: not reported
    age_at_diagnosis: int | None = None
    initials: str | None = None
    record_number: str | None = None
    birth_date: PartialDate | None = None
    weight_kg: float | None = None
    height_cm: float | None = None


@dataclass
class Diagnosis:
    date: PartialDate | None = None
    name: Text = field(default_factory=Text)
    immunophenotype: str | None = None
    karyotype: str | None = None
    molecular: str | None = None
    note: Text = field(default_factory=Text)
    stage: str | None = None  # as written: Ann Arbor / Lugano "IIB", "IVE", a Binet "C" …
    ipi: int | None = None  # International Prognostic Index, 0–5
    cell_of_origin: str | None = None  # GCB | non-GCB | ABC | unclassified (lymphoma)


@dataclass
class Finding:
    """A dated diagnostic finding after the diagnosis (a relapse karyotype, a new marker)."""

    date: PartialDate | None
    kind: str  # immunophenotype | karyotype | molecular | other
    value: str
    note: Text = field(default_factory=Text)


@dataclass
class Therapy:
    name: Text
    category: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    cycles: int | None = None
    response: str | None = None
    note: Text = field(default_factory=Text)
    ongoing: bool = False


@dataclass
class Event:
    date: PartialDate
    type: str
    label: Text = field(default_factory=Text)
    site: str | None = None
    note: Text = field(default_factory=Text)


@dataclass
class Measurement:
    date: PartialDate
    kind: str
    value: float | None = None
    unit: str | None = None
    result: str | None = None  # negative | positive | complete | mixed: reported without a number
    note: Text = field(default_factory=Text)


@dataclass
class Lesion:
    id: str
    site: Text = field(default_factory=Text)
    sul_max: float | None = None
    sul_peak: float | None = None
    suv_max: float | None = None  # body-weight SUVmax, on the scale of the Deauville references


@dataclass(frozen=True)
class Image:
    media_type: str  # image/png | image/jpeg
    data: bytes


@dataclass
class PetStudy:
    date: PartialDate
    label: Text = field(default_factory=Text)
    liver_sul_mean: float | None = None
    liver_sul_sd: float | None = None
    liver_suv_max: float | None = None
    mediastinum_suv_max: float | None = None
    lesions: list[Lesion] = field(default_factory=list)
    new_lesions: bool | None = None
    visual_response: str | None = None  # CMR | PMR | SMD | PMD, as read by the physician
    deauville: str | None = None  # "1".."5" | "X", as scored by the physician
    image: Image | None = None
    note: Text = field(default_factory=Text)


@dataclass
class Case:
    code: str
    title: Text = field(default_factory=Text)
    tags: list[str] = field(default_factory=list)
    patient: Patient = field(default_factory=Patient)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    findings: list[Finding] = field(default_factory=list)
    therapies: list[Therapy] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    pet_studies: list[PetStudy] = field(default_factory=list)
    sections: dict[str, Text] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    consent: bool | None = None
    pet_criteria: str = "auto"  # auto | lugano | percist (core.pet.verdict.criteria_for)

    def transplant_date(self) -> PartialDate | None:
        """The first allogeneic transplant: the anchor of D+ days."""
        dates = [t.start for t in self.therapies if t.category == "transplant" and t.start]
        dates += [e.date for e in self.events if e.type == "transplant"]
        return min(dates, key=PartialDate.sort_key, default=None)
