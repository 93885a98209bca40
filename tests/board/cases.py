"""Board-ready fixtures: a lymphoma judged by Lugano/Deauville, and a case file from
another centre written with its own codes (``bm_blasts_pct``, "bone marrow, testis")."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.model import Case, Diagnosis, Event, Lesion, Patient, PetStudy, Text, Therapy
from tests.conftest import d


def lymphoma_case(code: str = "DLBCL-1") -> Case:
    """DLBCL, R-CHOP ×6; interim PET SULmax 14.2 → 2.1, Deauville 3, read as CMR.
    PERCIST alone would call the fall −85 % a PMR (no follow-up liver mean to test CMR)."""
    return Case(
        code=code,
        title=Text("DLBCL in complete metabolic response after R-CHOP",
                   "ДВКЛ: полный метаболический ответ после R-CHOP"),
        patient=Patient(sex="M", age_at_diagnosis=58),
        diagnosis=Diagnosis(date=d("2021-02"),
                            name=Text("Diffuse large B-cell lymphoma (DLBCL)",
                                      "Диффузная В-крупноклеточная лимфома (ДВКЛ)"),
                            stage="IIA, bulky", ipi=2, cell_of_origin="GCB"),
        therapies=[Therapy(Text("R-CHOP", "R-CHOP"), "chemotherapy", d("2021-03"), d("2021-07"),
                           6, "CMR")],
        events=[Event(d("2021-02"), "diagnosis", Text("Diagnosis: DLBCL", "Диагноз: ДВКЛ"),
                      "mediastinum"),
                Event(d("2021-08"), "remission", Text("Complete metabolic response",
                                                      "Полный метаболический ответ"))],
        pet_studies=[
            PetStudy(d("2021-02"), Text("Baseline PET-CT", "ПЭТ-КТ до лечения"),
                     liver_sul_mean=1.8, liver_sul_sd=0.2,
                     lesions=[Lesion("med", Text("mediastinum", "средостение"), sul_max=14.2)]),
            PetStudy(d("2021-08"), Text("PET-CT after 6 cycles", "ПЭТ-КТ после 6 курсов"),
                     lesions=[Lesion("med", Text("mediastinum", "средостение"), sul_max=2.1)],
                     new_lesions=False, visual_response="CMR", deauville="3"),
        ],
        sections={
            "summary": Text("A 58-year-old man with DLBCL reached a complete metabolic "
                            "response after six cycles of R-CHOP [1].",
                            "У мужчины 58 лет с ДВКЛ после шести курсов R-CHOP достигнут "
                            "полный метаболический ответ [1]."),
            "question": Text("Is consolidating radiotherapy to the mediastinum needed?",
                             "Нужна ли консолидирующая лучевая терапия на средостение?"),
            "conclusion": Text("Deauville 3 after R-CHOP is a complete metabolic response.",
                               "Deauville 3 после R-CHOP — полный метаболический ответ."),
        },
        references=["Cheson BD et al. J Clin Oncol 2014;32:3059."],
    )


def foreign_doc() -> dict:
    """A case file from another centre: its own measurement codes, English-only sites."""
    return {"format": "case-presenter/1", "case": {
        "code": "EXT-7",
        "title": {"en": "Testicular relapse of B-ALL", "ru": "Тестикулярный рецидив В-ОЛЛ"},
        "diagnosis": {"date": "2019-04", "name": {"en": "B-ALL", "ru": "В-ОЛЛ"}},
        "events": [
            {"date": "2019-04", "type": "diagnosis", "site": "bone marrow",
             "label": {"en": "Diagnosis", "ru": "Диагноз"}},
            {"date": "2021-06", "type": "relapse", "site": "bone marrow, testis",
             "label": {"en": "Combined relapse", "ru": "Комбинированный рецидив"}},
            {"date": "2021-09", "type": "other", "site": "left ear lobe",
             "label": {"en": "Biopsy", "ru": "Биопсия"}},
        ],
        "therapies": [{"name": {"en": "Blinatumomab", "ru": "Блинатумомаб"},
                       "category": "immunotherapy", "start": "2021-07", "end": "2021-08",
                       "response": "MRD-negative"}],
        "measurements": [
            {"date": "2021-06", "kind": "bm_blasts_pct", "value": 42, "unit": "%"},
            {"date": "2021-08", "kind": "mrd_flow_pct", "value": 0.01, "unit": "percent"},
        ],
    }}


def write_foreign(folder: Path) -> Path:
    path = folder / "ext-7.case.json"
    path.write_text(json.dumps(foreign_doc(), ensure_ascii=False), encoding="utf-8")
    return path
