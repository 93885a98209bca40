"""Shared fixtures: a rich sample case and fresh libraries, one per test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.dates import PartialDate
from desktop.core.model import (
    Case,
    Diagnosis,
    Event,
    Finding,
    Image,
    Lesion,
    Measurement,
    Patient,
    PetStudy,
    Text,
    Therapy,
)
from desktop.core.store import Store

PNG_1PX = bytes.fromhex(  # a valid 1×1 RGBA PNG, every chunk with its CRC
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


def d(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


def make_case(code: str = "TEST-1") -> Case:
    """A case that uses every field of the model, in both languages."""
    return Case(
        code=code,
        title=Text(
            "Relapsed B-ALL with a breast lesion", "Рецидив B-ОЛЛ с поражением молочной железы"
        ),
        tags=["B-ALL", "extramedullary"],
        patient=Patient(
            sex="F",
            age_at_diagnosis=25,
            initials="A.B.",
            record_number="MRN-0042",
            birth_date=d("1986-04-02"),
            weight_kg=61.5,
            height_cm=168.0,
        ),
        diagnosis=Diagnosis(
            date=d("2011-11"),
            name=Text("B-ALL", "B-ОЛЛ"),
            immunophenotype="CD19+/CD10+/CD22+",
            karyotype="46,XX[20]",
            molecular="BCR-ABL negative",
            note=Text("isolated marrow", "костный мозг"),
        ),
        findings=[Finding(d("2015-05"), "karyotype", "46,XX", Text("relapse", "рецидив"))],
        therapies=[
            Therapy(
                Text("Blinatumomab", "Блинатумомаб"),
                "immunotherapy",
                d("2016-01-15"),
                d("2016-02-12"),
                1,
                "CR MRD+",
                Text("CRS day 2", "СВЦ на 2-й день"),
            ),
            Therapy(Text("Imatinib", "Иматиниб"), "targeted", d("2018-10"), None, ongoing=True),
        ],
        events=[
            Event(d("2015-11-25"), "transplant", Text("allo-HSCT", "алло-ТГСК"), "marrow"),
            Event(d("2016-11~"), "relapse", Text("ocular relapse", "рецидив в глазу"), "eye"),
        ],
        measurements=[
            Measurement(d("2016-01-14"), "marrow_blasts", 18.0, "%"),
            Measurement(d("2016-02"), "mrd_flow", None, "%", "negative"),
        ],
        pet_studies=[
            PetStudy(
                d("2019-01"),
                Text("Before inotuzumab", "До инотузумаба"),
                1.8,
                0.2,
                2.4,
                1.6,
                [Lesion("L1", Text("left breast", "левая молочная железа"), 11.93, 9.1)],
                False,
                None,
                "5",
                Image("image/png", PNG_1PX),
            ),
            PetStudy(
                d("2019-06"),
                Text("After 4 cycles", "После 4 курсов"),
                lesions=[Lesion("L1", Text("left breast", "левая молочная железа"))],
                visual_response="CMR",
            ),
        ],
        sections={
            "summary": Text("Summary text.", "Текст резюме."),
            "discussion": Text("Discussion.", None),
        },
        references=["Wahl RL et al. J Nucl Med 2009;50:122S"],
        consent=True,
    )


@pytest.fixture
def case() -> Case:
    return make_case()


@pytest.fixture
def store():
    """A fresh in-memory library without the seed cases."""
    s = Store.open(None, seed=False)
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "cases.db"


# --- a department library on PostgreSQL (tests/department.py) ----------------------------
@pytest.fixture(scope="session")
def pg_server():
    """One throw-away PostgreSQL server for the session, started by the first test that
    needs it (the department tests and the window's Sync tests share it)."""
    from tests.department import start_server

    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def department(pg_server):
    """An empty department library whose tables the owner has created."""
    from tests.department import make_department

    dept = make_department(pg_server)
    dept.open("case_presenter_owner").close()
    return dept
