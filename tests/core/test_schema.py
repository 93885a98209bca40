"""The JSON Schema documents the same contract the reader enforces."""

import json

import jsonschema
import pytest

from desktop.core import casefile
from desktop.core.errors import CaseFileError
from desktop.core.paths import RESOURCES, seed_files
from tests.conftest import make_case

SCHEMA = json.loads((RESOURCES / "schema/case-presenter-1.schema.json").read_text())


def test_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_written_files_match_the_schema():
    jsonschema.validate(casefile.to_document(make_case()), SCHEMA)


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name)
def test_seed_files_match_the_schema(path):
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize(("key", "value"), [
    ("sul_max", "abc"), ("sul_max", -1), ("sul_max", 101), ("colour", "red")])
def test_schema_and_reader_refuse_the_same_lesions(key, value):
    doc = casefile.to_document(make_case())
    doc["case"]["pet_studies"][0]["lesions"][0][key] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
    with pytest.raises(ValueError):
        casefile.from_document(doc)


def _doc_with(path, value):
    doc = casefile.to_document(make_case())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


AGREE = [  # (where, value, accepted by both?)
    (["case", "therapies", 0, "cycles"], 42.0, True),
    (["case", "therapies", 0, "cycles"], 42.5, False),
    (["case", "patient", "age_at_diagnosis"], 25.0, True),
    (["case", "diagnosis", "date"], "2011-11", True),
    (["case", "diagnosis", "date"], " 2011-11", False),
    (["case", "diagnosis", "date"], "2011-11\n", False),
    (["case", "diagnosis", "date"], "٢٠١١", False),
    (["case", "diagnosis", "date"], "２０１１", False),
    (["case", "code"], "-rf", False),
    (["case", "code"], "..", False),
    (["case", "code"], "A1\n", False),
    (["case", "code"], "a.b_c-1", True),
    (["case", "title", "en"], "tab\tand CR LF\r\nand LF\n", True),
    (["case", "title", "en"], "bare CR\r", False),
    (["case", "title", "en"], "NUL\x00", False),
    (["case", "title", "en"], "lone \ud800", False),
    (["case", "title", "en"], "C1 \x85", False),
    (["case", "title", "en"], "\uffff", False),
    (["case", "title", "en"], "x" * 10_001, False),
    (["case", "diagnosis", "note"], None, True),
    (["case", "sections", "discussion", "en"], "d" * 100_000, True),
    (["case", "sections", "discussion", "en"], "d" * 100_001, False),
    (["case", "tags", 0], "t" * 81, False),
    (["case", "tags"], ["t"] * 101, False),
    (["case", "tags"], ["t"] * 100, True),
    (["case", "events"], [{"date": "2014", "type": "other"}] * 2_001, False),
    (["case", "events"], [{"date": "2014", "type": "other"}] * 2_000, True),
]


@pytest.mark.parametrize(("path", "value", "ok"), AGREE,
                         ids=lambda x: repr(x)[:30] if not isinstance(x, list) else None)
def test_schema_and_reader_agree(path, value, ok):
    doc = _doc_with(path, value)
    assert jsonschema.Draft202012Validator(SCHEMA).is_valid(doc) is ok
    if ok:
        casefile.from_document(doc)
    else:
        with pytest.raises(CaseFileError):
            casefile.from_document(doc)
