"""A case whose two PET studies were imported from synthetic DICOM (baseline, follow-up):
shared by the PDF and slide tests that look for the MIPs and for leaked identifiers."""

from __future__ import annotations

from pathlib import Path

from desktop.core.dates import PartialDate
from desktop.core.dicom import measure, synthetic
from desktop.core.dicom.study import NamedVoi, load, to_pet_study
from desktop.core.model import Case, Diagnosis, Patient, Text

#: What must never appear in an output: the synthetic series' identifiers, the DICOM-format
#: scan date and the injection time.
LEAKS = [*synthetic.IDENTIFIERS.values(), "20240312", "090000"]


def imported_case(folder: Path) -> Case:
    base = synthetic.write_series(folder / "baseline", "bqml")
    follow = synthetic.write_series(folder / "follow", "philips-suv", seed=9,
                                    lesion_suv=(3.0, 1.5))
    studies = []
    for truth, date in ((base, None), (follow, PartialDate(2024, 6, 20))):
        vois = [NamedVoi(lid, measure.Sphere(les.center, les.radius_mm + 4))
                for lid, les in zip("AB", truth.lesions, strict=True)]
        studies.append(to_pet_study(load(truth.folder), vois, liver=truth.liver_center,
                                    date=date, label=Text("PET-CT", "ПЭТ-КТ")))
    return Case(code="DICOM-1", title=Text("Imported PET", "Импорт ПЭТ"),
                patient=Patient(sex="M"), diagnosis=Diagnosis(date=PartialDate(2023, 11)),
                pet_studies=studies)
