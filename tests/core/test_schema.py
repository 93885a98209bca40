"""The JSON Schema documents the same contract the reader enforces."""

import json

import jsonschema
import pytest

from desktop.core import casefile
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
