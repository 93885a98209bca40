import copy
import json
from string import Formatter

import pytest

from desktop.core import casefile
from desktop.core.errors import CaseFileError
from tests.conftest import make_case


@pytest.fixture
def doc():
    return casefile.to_document(make_case())


def load_doc(doc, source="bad.case.json"):
    return casefile.loads(json.dumps(doc, ensure_ascii=False), source=source)


def test_round_trip_loses_nothing(case):
    text = casefile.dumps(case)
    assert casefile.loads(text) == case
    assert casefile.dumps(casefile.loads(text)) == text


def test_contract_keys_are_all_written(case):
    doc = casefile.to_document(case)
    assert doc["format"] == "case-presenter/1"
    c = doc["case"]
    for key in ("code", "title", "tags", "patient", "diagnosis", "therapies", "events",
                "measurements", "pet_studies", "sections", "references", "consent"):
        assert key in c
    assert set(c["patient"]) >= {"sex", "age_at_diagnosis", "initials", "record_number",
                                 "birth_date", "weight_kg", "height_cm"}
    assert set(c["pet_studies"][0]) >= {"date", "label", "liver_sul_mean", "liver_sul_sd",
                                        "liver_suv_max", "mediastinum_suv_max", "lesions",
                                        "new_lesions", "visual_response", "image"}
    assert set(c["pet_studies"][0]["lesions"][0]) >= {"id", "site", "sul_max", "sul_peak"}


def test_unknown_values_stay_null(case):
    doc = casefile.to_document(case)
    follow_up = doc["case"]["pet_studies"][1]
    assert follow_up["lesions"][0]["sul_max"] is None
    assert follow_up["liver_sul_mean"] is None
    assert casefile.from_document(doc).pet_studies[1].lesions[0].sul_max is None


def _set(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(("path", "value", "field", "words"), [
    (["case", "pet_studies", 0, "lesions", 0, "sul_max"], "abc",
     "case.pet_studies[0].lesions[0].sul_max", "must be a number"),
    (["case", "pet_studies", 0, "lesions", 0, "sul_max"], -2.5,
     "case.pet_studies[0].lesions[0].sul_max", "outside the plausible range"),
    (["case", "pet_studies", 0, "lesions", 0, "sul_max"], 250,
     "case.pet_studies[0].lesions[0].sul_max", "outside the plausible range"),
    (["case", "pet_studies", 0, "lesions", 0, "sul_peak"], 12.5,
     "case.pet_studies[0].lesions[0].sul_peak", "exceeds SULmax"),
    (["case", "events", 0, "date"], "2020-13-45", "case.events[0].date", "does not exist"),
    (["case", "therapies", 0, "end"], "2015-01", "case.therapies[0].end", "before the start"),
    (["case", "therapies", 0, "category"], "magic", "case.therapies[0].category", "not one of"),
    (["case", "events", 1, "type"], "party", "case.events[1].type", "not one of"),
    (["case", "patient", "age_at_diagnosis"], "25", "case.patient.age_at_diagnosis",
     "must be a whole number"),
    (["case", "patient", "age_at_diagnosis"], 25.5, "case.patient.age_at_diagnosis",
     "must be a whole number"),
    (["case", "patient", "sex"], "female", "case.patient.sex", "not one of"),
    (["case", "patient", "weight_kg"], True, "case.patient.weight_kg", "must be a number"),
    (["case", "title"], "just text", "case.title", '{"en": …, "ru": …}'),
    (["case", "code"], "has space", "case.code", "must be letters"),
    (["case", "tags"], "B-ALL", "case.tags", "must be a list"),
    (["case", "measurements", 0, "value"], 140, "case.measurements[0].value", "outside"),
    (["case", "measurements", 1, "result"], None, "case.measurements[1].value", "needs a value"),
    (["case", "pet_studies", 0, "image", "data"], "@@@", "case.pet_studies[0].image.data",
     "base64"),
    (["case", "pet_studies", 0, "image", "data"], "aGVsbG8=", "case.pet_studies[0].image.data",
     "not a PNG image"),
    (["case", "pet_studies", 0, "visual_response"], "great", "case.pet_studies[0].visual_response",
     "not one of"),
    (["case", "consent"], "yes", "case.consent", "true, false or null"),
    (["case", "sections", "epilogue"], {"en": "x"}, "case.sections.epilogue", "unknown field"),
    (["case", "patient", "weigth_kg"], 60, "case.patient.weigth_kg", "unknown field"),
])
def test_bad_values_name_the_file_and_field(doc, path, value, field, words):
    _set(doc, path, value)
    with pytest.raises(CaseFileError) as err:
        load_doc(doc)
    assert err.value.source == "bad.case.json"
    assert err.value.path == field
    assert words in err.value.message
    assert str(err.value).startswith(f"bad.case.json: {field}: ")


def test_duplicate_lesion_ids_in_a_study(doc):
    lesions = doc["case"]["pet_studies"][0]["lesions"]
    lesions.append(copy.deepcopy(lesions[0]))
    with pytest.raises(CaseFileError, match=r"lesions\[1\]\.id: 'L1' is used twice"):
        load_doc(doc)


@pytest.mark.parametrize("fmt", ["case-presenter/2", "something-else/1", 1])
def test_unknown_format_versions_are_refused(doc, fmt):
    doc["format"] = fmt
    with pytest.raises(CaseFileError) as err:
        load_doc(doc)
    assert err.value.path == "format"
    if fmt == "case-presenter/2":
        assert "newer version" in err.value.message


@pytest.mark.parametrize("text", ["", "{", '{"format": "case-presenter/1", "case": {"code": "X"',
                                  "[1, 2]", "null", "\x00\x01"])
def test_broken_or_truncated_json(text):
    with pytest.raises(CaseFileError) as err:
        casefile.loads(text, source="broken.case.json")
    assert str(err.value).startswith("broken.case.json")


def test_not_utf8():
    with pytest.raises(CaseFileError, match="UTF-8"):
        casefile.loads(b"\xff\xfe\x00garbage", source="x.case.json")


def test_missing_file_names_it(tmp_path):
    with pytest.raises(CaseFileError, match=r"missing\.case\.json: cannot be read"):
        casefile.load(tmp_path / "missing.case.json")


def test_missing_required_fields(doc):
    del doc["case"]["code"]
    with pytest.raises(CaseFileError, match=r"case\.code: is required"):
        load_doc(doc)


def test_any_text_is_kept_exactly(case):
    odd = ("Robert'); DROP TABLE cases;-- \"quotes\" \\ \t tab \r\n CR LF \U0001F9EC ё й 𝔘 "
           "\u202e \u200f \u2028 \ufeff")
    case.sections["presentation"] = type(case.title)(odd, odd * 2)
    assert casefile.loads(casefile.dumps(case)).sections["presentation"].en == odd


def test_dump_is_atomic_and_utf8(tmp_path, case):
    path = casefile.dump(case, tmp_path / "c.case.json")
    assert "Блинатумомаб" in path.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.part"))
    assert casefile.load(path) == case


def test_every_message_template_has_both_languages_with_the_same_fields():
    fields = {
        lang: {key: {f for _, f, _, _ in Formatter().parse(t.get(lang)) if f}
               for key, t in casefile.MESSAGES.items()} for lang in ("en", "ru")}
    assert all(t.en and t.ru for t in casefile.MESSAGES.values())
    assert fields["en"] == fields["ru"]


@pytest.mark.parametrize(("path", "value", "words"), [
    (["case", "patient", "weight_kg"], "60", "должно быть числом"),
    (["case", "patient", "age_at_diagnosis"], 25.5,
     "должно быть целым числом, получено: число 25,5"),
    (["case", "patient", "weight_kg"], 0.2, "0,2 вне правдоподобного диапазона 0,5–400"),
    (["case", "events", 0, "date"], "2020-13-45", "месяца 13 не существует"),
    (["case", "therapies", 0, "end"], "2015-01", "раньше начала"),
    (["case", "patient", "sex"], "female", "не одно из"),
    (["case", "pet_studies", 0, "lesions", 0, "sul_peak"], 12.5, "больше SULmax"),
    (["case", "pet_studies", 0, "image", "data"], "aGVsbG8=", "изображением PNG"),
    (["case", "measurements", 1, "result"], None, "нужно значение"),
])
def test_refusals_are_also_in_russian(doc, path, value, words):
    _set(doc, path, value)
    with pytest.raises(CaseFileError) as err:
        load_doc(doc)
    e = err.value
    assert e.text.en == e.message and words in e.text.ru
    assert e.localized("ru") == f"bad.case.json: {e.path}: {e.text.ru}"
    assert e.localized("en") == str(e)


def test_a_message_without_a_translation_stays_english():
    e = CaseFileError("cannot be read: gone", source="x.case.json")
    assert e.text.ru is None and e.localized("ru") == str(e) == "x.case.json: cannot be read: gone"
