"""Synthetic libraries for the benchmarks: realistic sizes, made-up content."""

from __future__ import annotations

import random

from desktop.core.dates import PartialDate
from desktop.core.model import (
    Case,
    Diagnosis,
    Event,
    Lesion,
    Measurement,
    Patient,
    PetStudy,
    Text,
    Therapy,
)

DRUGS = [
    ("Blinatumomab", "Блинатумомаб", "immunotherapy"),
    ("Inotuzumab ozogamicin", "Инотузумаб озогамицин", "immunotherapy"),
    ("Imatinib", "Иматиниб", "targeted"),
    ("Dasatinib", "Дазатиниб", "targeted"),
    ("HyperCVAD", "HyperCVAD", "chemotherapy"),
    ("FLAG-Ida", "FLAG-Ida", "chemotherapy"),
    ("allo-HSCT", "алло-ТГСК", "transplant"),
    ("DLI", "ИДЛ", "cellular"),
]
WORDS_EN = [
    "relapse",
    "remission",
    "marrow",
    "breast",
    "lymph",
    "node",
    "blast",
    "fever",
    "infusion",
    "response",
]
WORDS_RU = [
    "рецидив",
    "ремиссия",
    "костный",
    "мозг",
    "молочная",
    "железа",
    "узел",
    "бласты",
    "лихорадка",
    "ответ",
]


def _date(rng: random.Random, year: int) -> PartialDate:
    month = rng.randint(1, 12)
    return PartialDate(year, month, rng.randint(1, 28) if rng.random() < 0.6 else None)


def synthetic_case(i: int, rng: random.Random) -> Case:
    year = rng.randint(2000, 2015)
    therapies = []
    for j in range(10):
        en, ru, cat = rng.choice(DRUGS)
        start = _date(rng, year + j // 2)
        therapies.append(Therapy(Text(en, ru), cat, start, None, rng.randint(1, 6)))
    events = [
        Event(
            _date(rng, year + j // 3),
            rng.choice(["relapse", "remission", "infusion", "complication", "imaging"]),
            Text(" ".join(rng.choices(WORDS_EN, k=4)), " ".join(rng.choices(WORDS_RU, k=4))),
            rng.choice(["marrow", "cns", "breast", None]),
        )
        for j in range(15)
    ]
    measurements = [
        Measurement(_date(rng, year + j // 4), "marrow_blasts", round(rng.uniform(0, 95), 1), "%")
        for j in range(10)
    ]
    pet = [
        PetStudy(
            PartialDate(year + 5, 1),
            lesions=[Lesion("L1", Text("breast", "молочная железа"), round(rng.uniform(2, 20), 2))],
        ),
        PetStudy(
            PartialDate(year + 5, 6),
            lesions=[
                Lesion("L1", Text("breast", "молочная железа"), round(rng.uniform(0.5, 10), 2))
            ],
        ),
    ]
    prose_en = " ".join(rng.choices(WORDS_EN, k=300))
    prose_ru = " ".join(rng.choices(WORDS_RU, k=300))
    return Case(
        code=f"SYN-{i:05d}",
        title=Text(
            f"Synthetic case {i}: {rng.choice(WORDS_EN)}", f"Случай {i}: {rng.choice(WORDS_RU)}"
        ),
        tags=rng.sample(["B-ALL", "AML", "CML", "lymphoma", "EM", "HSCT"], 2),
        patient=Patient(sex=rng.choice("FM"), age_at_diagnosis=rng.randint(18, 80)),
        diagnosis=Diagnosis(
            PartialDate(year, rng.randint(1, 12)),
            Text("B-ALL", "B-ОЛЛ"),
            "CD19+/CD10+/CD22+",
            "46,XX",
        ),
        therapies=therapies,
        events=events,
        measurements=measurements,
        pet_studies=pet,
        sections={"presentation": Text(prose_en, prose_ru)},
    )
