"""What used to crash the reader or pass through it changed is refused, naming file and
field; what the format allows is kept exactly as written."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from string import Formatter

import pytest

from desktop.core import casefile, jsonread
from desktop.core.errors import CaseFileError
from desktop.core.model import Text
from tests.conftest import make_case


@pytest.fixture
def text() -> str:
    return casefile.dumps(make_case())


def refused(data: str | bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as err:
        casefile.loads(data, source="h.case.json")
    assert str(err.value).startswith("h.case.json: ")
    return err.value


@pytest.mark.parametrize(("old", "new", "path", "words"), [
    ('"consent": true', '"consent": ' + "[" * 5000 + "]" * 5000,
     "case.consent" + "[0]" * 30, "levels deep"),
    ('"age_at_diagnosis": 25', '"age_at_diagnosis": ' + "7" * 4301,
     "case.patient.age_at_diagnosis", "4,301 digits"),
    ('"age_at_diagnosis": 25', '"age_at_diagnosis": 2e308', "case.patient.age_at_diagnosis",
     "too large"),
    ('"weight_kg": 61.5', '"weight_kg": -Infinity', "case.patient.weight_kg", "not a number"),
    ('"weight_kg": 61.5', '"weight_kg": 6.15e-400', "case.patient.weight_kg", "too small"),
    ('"initials": "A.B."', '"initials": "A.\\ud83d"', "case.patient.initials", "U+D83D"),
    ('"initials": "A.B."', '"initials": "A.\\u001b"', "case.patient.initials", "U+001B"),
    ('"initials": "A.B."', '"initials": "A.\\u0085"', "case.patient.initials", "U+0085"),
    ('"initials": "A.B."', '"initials": "A.\\uffff"', "case.patient.initials", "not a character"),
    ('"initials": "A.B."', '"initials": "A", "initials": "B"', "case.patient.initials",
     "appears twice"),
    ('"initials": "A.B."', '"in\\u0000itials": 1', 'case.patient["in\\u0000itials"]', "U+0000"),
    ('"birth_date": "1986-04-02"', '"birth_date": "1986-04-02 "', "case.patient.birth_date",
     "not an ISO date"),
    ('"birth_date": "1986-04-02"', '"birth_date": "１９８６"', "case.patient.birth_date",
     "not an ISO date"),
    ('"code": "TEST-1"', '"code": "-rf"', "case.code", "starting with a letter or digit"),
    ('"code": "TEST-1"', '"code": ".."', "case.code", "starting with a letter or digit"),
])
def test_hostile_values_are_refused_at_their_field(text, old, new, path, words):
    assert old in text
    e = refused(text.replace(old, new, 1))
    assert (e.path, words) == (path, words) and words in e.message, str(e)
    assert e.text.ru and e.text.ru != e.text.en


@pytest.mark.parametrize(("field", "n", "cap"), [
    ("events", 2_001, "2,000"), ("therapies", 501, "500"), ("tags", 101, "100")])
def test_lists_longer_than_a_real_case_are_refused(field, n, cap):
    doc = casefile.to_document(make_case())
    items = doc["case"][field]
    doc["case"][field] = (items * n)[:n]
    e = refused(json.dumps(doc))
    assert e.path == f"case.{field}" and f"more than {cap} items" in e.message


def test_texts_longer_than_the_caps_are_refused():
    case = make_case()
    ok = replace(case, sections={"discussion": Text("d" * casefile.MAX_SECTION, None)})
    assert casefile.loads(casefile.dumps(ok)) == ok
    long_note = replace(case.events[0], note=Text("n" * (casefile.MAX_TEXT + 1), None))
    e = refused(casefile.dumps(replace(case, events=[long_note])))
    assert e.path == "case.events[0].note.en" and "longer than 10,000" in e.message


def test_any_string_over_the_reader_limit_is_refused(monkeypatch, text):
    monkeypatch.setattr(jsonread, "MAX_STRING", 10)
    e = refused(text)
    assert "longer than 10 characters" in e.message


def test_a_file_of_countless_values_is_refused(monkeypatch):
    monkeypatch.setattr(jsonread, "MAX_VALUES", 100)
    e = refused("[" + "0," * 200 + "0]")
    assert "more than 100 values" in e.message


def test_a_whole_number_written_as_42_0_is_42(text):
    doc = json.loads(text)
    doc["case"]["therapies"][0]["cycles"] = 42.0
    doc["case"]["patient"]["age_at_diagnosis"] = 25.0
    case = casefile.loads(json.dumps(doc))
    assert case.therapies[0].cycles == 42 and isinstance(case.therapies[0].cycles, int)
    assert case.patient.age_at_diagnosis == 25
    assert '"cycles": 42,' in casefile.dumps(case)


def test_allowed_characters_are_kept_exactly(text):
    odd = "tab\there\r\nCR LF\nLF \u202e\u200f שלום 🧬 e\u0301 \u2028 \ufeff" + "W" * 5000
    case = replace(make_case(), title=Text(odd, odd))
    assert casefile.loads(casefile.dumps(case)).title.en == odd


def test_a_null_text_stays_null_and_an_empty_one_becomes_null():
    doc = casefile.to_document(make_case())
    doc["case"]["diagnosis"]["note"] = None
    doc["case"]["events"][0]["note"] = {"en": None, "ru": None}
    doc["case"]["events"][1]["note"] = {"en": "", "ru": None}
    out = json.loads(casefile.dumps(casefile.from_document(doc)))["case"]
    assert out["diagnosis"]["note"] is None
    assert out["events"][0]["note"] is None  # nothing in either language: the same null
    assert out["events"][1]["note"] == {"en": "", "ru": None}


def test_a_document_made_in_memory_is_checked_too():
    """The window validates a case by writing and re-reading it in memory."""
    case = replace(make_case(), title=Text("nul\x00", "x"))
    with pytest.raises(CaseFileError) as err:
        casefile.from_document(casefile.to_document(case), source="TEST-1")
    assert err.value.path == "case.title.en" and "U+0000" in err.value.message


def test_a_utf8_bom_is_skipped_and_other_encodings_are_refused(text):
    assert casefile.loads(b"\xef\xbb\xbf" + text.encode()) == make_case()
    assert "UTF-16" in refused(text.encode("utf-16")).message
    assert "not UTF-8" in refused(text.encode("cp1251")).message
    assert "не является текстом в UTF-8" in refused(b"{\xff}").text.ru


def test_invalid_json_is_refused_in_both_languages():
    e = refused('{"format": ')
    assert "not valid JSON (line 1" in e.message and "не является корректным JSON" in e.text.ru


def test_a_fifo_or_a_folder_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.case.json"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.case.json"
    folder.mkdir()
    for path in (fifo, folder):
        with pytest.raises(CaseFileError) as err:
            casefile.load(path)
        assert str(err.value) == f"{path}: is not a regular file"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.case.json"
    with big.open("wb") as f:
        f.truncate(casefile.MAX_FILE_BYTES + 1)
    with pytest.raises(CaseFileError, match=r"big\.case\.json: is 64 MB, larger than"):
        casefile.load(big)


def test_nesting_is_never_followed_into_a_recursion_error():
    for opener in ("[", '{"a":', '{"a": ['):
        e = refused(opener * 200_000)
        assert "levels deep" in e.message


def test_quoted_quotes_take_linear_time():
    """A string of 200,000 escaped quotes is scanned once, not once per quote."""
    assert "not valid JSON" in refused('"' + '\\"' * 200_000).message


def test_every_reader_message_has_both_languages_with_the_same_fields():
    for messages in (jsonread.MESSAGES, casefile.MESSAGES):
        for key, t in messages.items():
            en, ru = ({f for _, f, _, _ in Formatter().parse(s) if f} for s in (t.en, t.ru))
            assert t.en and t.ru and en == ru, key


@pytest.mark.parametrize(("raw", "words"), [
    ("\x85", "U+0085"), ("\x7f", "U+007F (delete)"), ("\ufffe", "not a character")])
def test_refused_characters_written_as_such_are_found_too(text, raw, words):
    """Not only as ``\\u`` escapes: the characters themselves, in a UTF-8 file (json
    lets a raw DEL or C1 character through; a raw C0 one it refuses itself)."""
    e = refused(text.replace('"A.B."', f'"A.{raw}"', 1).encode())
    assert e.path == "case.patient.initials" and words in e.message, str(e)


def test_line_breaks_between_values_may_be_cr_lf_or_cr(text):
    case = casefile.loads(text)
    assert casefile.loads(text.replace("\n", "\r\n").encode()) == case
    assert casefile.loads(text.replace("\n", "\r").encode()) == case
