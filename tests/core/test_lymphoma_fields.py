"""Stage, IPI and cell of origin of a lymphoma, and chemoimmunotherapy: read, written,
stored, and refused outside their ranges; files without them are as they were."""

from __future__ import annotations

import json
import sqlite3

import jsonschema
import pytest

from desktop.core import casefile, vocab
from desktop.core.errors import CaseFileError
from desktop.core.model import Text, Therapy
from desktop.core.paths import RESOURCES
from desktop.core.store import Store
from desktop.core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from tests.conftest import make_case

SCHEMA = json.loads((RESOURCES / "schema/case-presenter-1.schema.json").read_text())


def lymphoma_case():
    case = make_case("DLBCL-1")
    case.diagnosis.stage, case.diagnosis.ipi, case.diagnosis.cell_of_origin = "IVB", 3, "GCB"
    case.therapies.append(Therapy(Text("R-CHOP", "R-CHOP"), "chemoimmunotherapy", cycles=6,
                                  response="CMR"))
    return case


def test_round_trip_in_file_and_store(tmp_path):
    case = lymphoma_case()
    doc = casefile.to_document(case)
    jsonschema.validate(doc, SCHEMA)
    assert casefile.loads(casefile.dumps(case)) == case
    with Store.open(tmp_path / "l.db", seed=False) as store:
        store.add(case)
        assert store.get("DLBCL-1") == case
        assert [c.code for c in store.search("IVB")] == ["DLBCL-1"]


def test_unset_fields_are_not_written_so_older_readers_still_read_the_file():
    dx = casefile.to_document(make_case())["case"]["diagnosis"]
    assert not {"stage", "ipi", "cell_of_origin"} & set(dx)


@pytest.mark.parametrize(("key", "value"), [("ipi", 6), ("ipi", 2.5), ("ipi", "3"),
                                            ("cell_of_origin", "GBC"), ("stage", "I" * 41)])
def test_schema_and_reader_refuse_the_same_values(key, value):
    doc = casefile.to_document(lymphoma_case())
    doc["case"]["diagnosis"][key] = value
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(doc)
    with pytest.raises(CaseFileError) as e:
        casefile.from_document(doc)
    assert e.value.path == f"case.diagnosis.{key}"


def test_every_cell_of_origin_has_both_labels():
    for text in vocab.CELL_OF_ORIGIN.values():
        assert text.en and text.ru
    assert vocab.THERAPY_CATEGORIES["chemoimmunotherapy"].ru == "Химиоиммунотерапия"


def test_a_v3_library_gains_the_columns_and_keeps_its_cases(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from sqlite_utils import Database

    for migrate in MIGRATIONS[:3]:
        migrate(Database(conn))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO cases (code, title_en, modified) VALUES ('OLD-1', 'Old', 'x')")
    conn.close()
    with Store.open(path) as store:
        assert store.user_version == SCHEMA_VERSION
        old = store.get("OLD-1")
        assert (old.diagnosis.stage, old.diagnosis.ipi, old.diagnosis.cell_of_origin) == (
            None, None, None)
        store.add(lymphoma_case())
        assert store.get("DLBCL-1").diagnosis.ipi == 3


@pytest.mark.parametrize(("n", "en", "ru"), [(1, "1 case", "1 случай"), (2, "2 cases", "2 случая"),
                                             (5, "5 cases", "5 случаев"),
                                             (21, "21 cases", "21 случай"),
                                             (12, "12 cases", "12 случаев")])
def test_plural_forms(n, en, ru):
    assert vocab.count(n, "case", "en") == en
    assert vocab.count(n, "case", "ru") == ru
