"""The two seed cases against the facts of the founding case report.

The report ("Inotuzumab ozogamicin in relapsed/refractory B-ALL with extramedullary
involvement before and after allo-HSCT", English text with a Russian abstract) is the
only source: every value asserted here is written in it, and every value it does not
give must stay null.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from desktop.core import casefile, vocab
from desktop.core.dates import PartialDate, Precision
from desktop.core.model import Case, Text, Therapy
from desktop.core.paths import SEED_DIR

FILES = {"BALL-EM-1": SEED_DIR / "ball-em-1.case.json",
         "BALL-EM-2": SEED_DIR / "ball-em-2.case.json"}
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
MAX_LABEL = 60  # characters: a label must fit beside its marker on the timeline


@pytest.fixture(scope="module")
def c1() -> Case:
    return casefile.load(FILES["BALL-EM-1"])


@pytest.fixture(scope="module")
def c2() -> Case:
    return casefile.load(FILES["BALL-EM-2"])


@pytest.fixture(params=sorted(FILES), scope="module")
def any_case(request) -> Case:
    return casefile.load(FILES[request.param])


def d(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


def days_after_transplant(case: Case, when: PartialDate) -> int:
    anchor = case.transplant_date()
    assert anchor is not None and anchor.precision is Precision.DAY
    assert when.precision is Precision.DAY and not when.approximate
    return (when.start() - anchor.start()).days


def therapy(case: Case, en_name: str) -> Therapy:
    found = [t for t in case.therapies if t.name.en == en_name]
    assert len(found) == 1, f"{case.code}: one therapy named {en_name!r}, found {len(found)}"
    return found[0]


def mentions(case: Case, en: str, ru: str) -> bool:
    """Some therapy names the drug in both languages (in its name or note)."""
    return any(en in f"{t.name.en} {t.note.en}".lower() and ru in f"{t.name.ru} {t.note.ru}".lower()
               for t in case.therapies)


def texts(case: Case) -> Iterator[tuple[str, Text, bool]]:
    """Every bilingual text of the case: (where, text, must it be filled)."""
    yield "title", case.title, True
    yield "diagnosis.name", case.diagnosis.name, True
    yield "diagnosis.note", case.diagnosis.note, False
    for i, f in enumerate(case.findings):
        yield f"findings[{i}].note", f.note, False
    for i, t in enumerate(case.therapies):
        yield f"therapies[{i}].name", t.name, True
        yield f"therapies[{i}].note", t.note, False
    for i, e in enumerate(case.events):
        yield f"events[{i}].label", e.label, True
        yield f"events[{i}].note", e.note, False
    for i, m in enumerate(case.measurements):
        yield f"measurements[{i}].note", m.note, False
    for i, s in enumerate(case.pet_studies):
        yield f"pet_studies[{i}].label", s.label, True
        yield f"pet_studies[{i}].note", s.note, False
        for j, lesion in enumerate(s.lesions):
            yield f"pet_studies[{i}].lesions[{j}].site", lesion.site, True
    for key, text in case.sections.items():
        yield f"sections.{key}", text, True


def dated_notes(case: Case) -> Iterator[tuple[str, list[PartialDate], Text]]:
    """Each dated item with the text that must explain a derived or partial date."""
    for i, f in enumerate(case.findings):
        yield f"findings[{i}]", [f.date] if f.date else [], f.note
    for i, t in enumerate(case.therapies):
        yield f"therapies[{i}]", [x for x in (t.start, t.end) if x], t.note
    for i, e in enumerate(case.events):
        yield f"events[{i}]", [e.date], e.note
    for i, m in enumerate(case.measurements):
        yield f"measurements[{i}]", [m.date], m.note
    for i, s in enumerate(case.pet_studies):
        yield f"pet_studies[{i}]", [s.date], s.note


# --- the files ------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(FILES))
def test_file_is_the_canonical_document(code):
    """Every contract key is written, 2-space indent, real Cyrillic (no \\u escapes)."""
    path = FILES[code]
    text = path.read_text(encoding="utf-8")
    case = casefile.load(path)
    assert case.code == code
    assert text == casefile.dumps(case)
    assert "\\u" not in text
    assert "Инотузумаб озогамицин" in text
    assert text.startswith('{\n  "format": "case-presenter/1",\n  "case": {\n    "code"')


def test_round_trip_loses_nothing(any_case):
    assert casefile.loads(casefile.dumps(any_case)) == any_case


# --- patient, identity, consent --------------------------------------------------

def test_patients_as_reported(c1, c2):
    assert (c1.patient.sex, c1.patient.age_at_diagnosis) == ("F", 31)
    assert (c2.patient.sex, c2.patient.age_at_diagnosis) == ("F", 25)


def test_nothing_identifying_or_unreported_is_invented(any_case):
    p = any_case.patient
    assert p.initials is None
    assert p.record_number is None
    assert p.birth_date is None
    assert p.weight_kg is None
    assert p.height_cm is None
    assert any_case.consent is None  # the report does not say


def test_titles_tags_and_reference(c1, c2):
    assert c1.title.en == ("Inotuzumab ozogamicin in relapsed/refractory B-ALL with "
                           "extramedullary involvement before and after allo-HSCT: case 1")
    assert c2.title.en.endswith("allo-HSCT: case 2")
    assert c1.title.ru.startswith("Успешная терапия резистентного B-острого лимфобластного")
    assert c1.title.ru.endswith("гемопоэтических стволовых клеток: случай 1")
    assert c2.title.ru.endswith(": случай 2")
    assert "Ph+" in c1.tags and "Ph+" not in c2.tags
    for case in (c1, c2):
        assert {"B-ALL", "extramedullary", "inotuzumab", "blinatumomab", "allo-HSCT"} <= set(
            case.tags)
        assert len(case.references) == 1
        assert "founding case report; English text with Russian abstract" in case.references[0]
        assert case.references[0].startswith("Inotuzumab ozogamicin in relapsed/refractory")


# --- diagnosis and later genetics ------------------------------------------------

def test_case1_diagnosis_without_genetics(c1):
    dx = c1.diagnosis
    assert dx.date == PartialDate(2014, 3)
    assert dx.date.precision is Precision.MONTH and not dx.date.approximate
    assert "isolated marrow involvement" in dx.name.en
    assert "B-ALL" in dx.name.en and "B-ОЛЛ" in dx.name.ru
    assert dx.immunophenotype is None
    assert dx.karyotype is None
    assert dx.molecular is None
    assert "not evaluated at the regional hospital" in dx.note.en
    assert "не исследовались" in dx.note.ru


def test_case2_diagnosis_with_immunophenotype_and_normal_karyotype(c2):
    dx = c2.diagnosis
    assert dx.date == PartialDate(2011, 11)
    assert dx.date.precision is Precision.MONTH and not dx.date.approximate
    assert dx.immunophenotype == ("CD79a+/HLA-DR+/CD19+/CD10+/CD38+/CD22+/CD20+/CD5-/"
                                  "sIgM-/cytIgM-")
    assert dx.karyotype == "46,XX"  # "normal karyotype" in the report, in ISCN
    assert dx.molecular is None


def test_case1_later_genetics_as_written(c1):
    karyotypes = [(f.date, f.value) for f in c1.findings if f.kind == "karyotype"]
    assert karyotypes == [
        (d("2017-09"), "46,XX,t(9;22)(q23;p22)"),
        (d("2018-03~"), "46-47,XX,?t(4;9)(q25;p24),del(6)(q23q25),t(9;22)(q34;q22),"
                        "add(11)(p11),del(14)(q24),-18,-20,add(21)(q22),+mar2-3[19]"),
    ]
    molecular = [(f.date, f.value) for f in c1.findings if f.kind == "molecular"]
    assert (d("2017-09"), "BCR/ABL p190") in molecular
    assert any("IKZF1" in v and date.year == 2018 for date, v in molecular)
    (phenotype,) = [f for f in c1.findings if f.kind == "immunophenotype"]
    assert phenotype.date == d("2018-03~")
    assert phenotype.value == ("CD45dim/CD19+/CD10+/CD34+/CD38+/CD22+/CD20+/CD13+/sIgM-/"
                               "cytIgM-/cytCD79a+")


def test_case2_cd22_by_immunohistochemistry_at_the_breast_relapse(c2):
    (f,) = c2.findings
    assert f.kind == "immunophenotype" and f.value.startswith("CD22+")
    assert f.date == d("2018-11~")


def test_notation_fields_use_latin_letters(any_case):
    """Extraction gave Cyrillic look-alikes ("XХ", "cytCD79а", "р190"); none may remain."""
    dx = any_case.diagnosis
    values = [dx.immunophenotype, dx.karyotype, dx.molecular, *any_case.tags]
    values += [f.value for f in any_case.findings]
    values += [t.response for t in any_case.therapies]
    values += [e.site for e in any_case.events]
    values += [m.unit for m in any_case.measurements]
    values += [lesion.id for s in any_case.pet_studies for lesion in s.lesions]
    for value in filter(None, values):
        assert not CYRILLIC.search(value), value
    for key in ("presentation", "summary"):
        assert not CYRILLIC.search(any_case.sections[key].en)


# --- transplant and the days counted from it -------------------------------------

def test_transplants(c1, c2):
    assert c1.transplant_date() == PartialDate(2018, 8, 9)
    assert c2.transplant_date() == PartialDate(2015, 11, 25)
    t1 = next(t for t in c1.therapies if t.category == "transplant")
    t2 = next(t for t in c2.therapies if t.category == "transplant")
    assert "matched related donor" in t1.name.en and "сиблинг" in t1.name.ru
    assert "matched unrelated donor" in t2.name.en and "неродственного" in t2.name.ru
    assert "fludarabine and busulfan (10 mg/kg)" in t1.note.en
    assert "флударабин и бусульфан (10 мг/кг)" in t1.note.ru
    assert "fludarabine and busulfan (12 mg/kg)" in t2.note.en
    assert "флударабин и бусульфан (12 мг/кг)" in t2.note.ru
    for t in (t1, t2):
        assert "Reduced-toxicity conditioning" in t.note.en
        assert "сниженной токсичностью" in t.note.ru
    assert {e.date for e in c1.events if e.type == "transplant"} == {PartialDate(2018, 8, 9)}
    assert {e.date for e in c2.events if e.type == "transplant"} == {PartialDate(2015, 11, 25)}


def test_gvhd_prophylaxis(c1, c2):
    (p1,) = [t for t in c1.therapies if t.name.en.startswith("GVHD prophylaxis")]
    (p2,) = [t for t in c2.therapies if t.name.en.startswith("GVHD prophylaxis")]
    assert p1.category == p2.category == "supportive"
    assert "post-transplant cyclophosphamide" in p1.name.en
    assert "tacrolimus" not in p1.name.en  # case 1: cyclophosphamide only
    for drug in ("tacrolimus", "mycophenolate mofetil", "post-transplant cyclophosphamide"):
        assert drug in p2.name.en
    for drug in ("такролимус", "микофенолата мофетил", "циклофосфамид"):
        assert drug in p2.name.ru


def test_case1_days_after_transplant(c1):
    (engraftment,) = [e for e in c1.events if "Engraftment" in e.label.en]
    assert days_after_transplant(c1, engraftment.date) == 24
    assert "complete donor chimerism" in engraftment.note.en
    assert "MRD negativity" in engraftment.note.en
    assert "полным донорским химеризмом" in engraftment.note.ru
    dli = therapy(c1, "Donor lymphocyte infusion (CD3+ 1×10⁶/kg)")
    assert dli.category == "cellular"
    assert days_after_transplant(c1, dli.start) == 74
    (infusion,) = [e for e in c1.events if e.type == "infusion"]
    assert days_after_transplant(c1, infusion.date) == 74
    tacrolimus = therapy(c1, "Tacrolimus (for chronic GVHD)")
    assert tacrolimus.category == "supportive"
    assert days_after_transplant(c1, tacrolimus.start) == 130
    assert tacrolimus.ongoing and tacrolimus.end is None


def test_case2_days_after_transplant(c2):
    (engraftment,) = [e for e in c2.events if "Engraftment" in e.label.en]
    assert days_after_transplant(c2, engraftment.date) == 20
    assert "complete donor chimerism" in engraftment.note.en
    assert "MRD negativity" in engraftment.note.en
    (relapse,) = [e for e in c2.events if e.type == "relapse" and "D+50" in e.label.en]
    assert days_after_transplant(c2, relapse.date) == 50
    assert relapse.site == "marrow"


# --- therapies -------------------------------------------------------------------

CASE1_DRUGS = [("blinatumomab", "блинатумомаб"),
               ("inotuzumab ozogamicin", "инотузумаб озогамицин"),
               ("dasatinib", "дазатиниб"), ("nilotinib", "нилотиниб"),
               ("bosutinib", "бозутиниб"), ("imatinib", "иматиниб"),
               ("tacrolimus", "такролимус"), ("cyclophosphamide", "циклофосфамид"),
               ("fludarabine", "флударабин"), ("busulfan", "бусульфан")]
CASE2_DRUGS = [("rituximab", "ритуксимаб"), ("blinatumomab", "блинатумомаб"),
               ("inotuzumab ozogamicin", "инотузумаб озогамицин"),
               ("tocilizumab", "тоцилизумаб"), ("methotrexate", "метотрексат"),
               ("cytarabine", "цитарабин"), ("tacrolimus", "такролимус"),
               ("mycophenolate mofetil", "микофенолата мофетил"),
               ("cyclophosphamide", "циклофосфамид"), ("fludarabine", "флударабин"),
               ("busulfan", "бусульфан")]


@pytest.mark.parametrize(("code", "drugs"), [("BALL-EM-1", CASE1_DRUGS),
                                             ("BALL-EM-2", CASE2_DRUGS)])
def test_drugs_named_by_inn_in_both_languages(code, drugs):
    case = casefile.load(FILES[code])
    for en, ru in drugs:
        assert mentions(case, en, ru), (code, en, ru)
    for t in case.therapies:  # the report's misspelling stays in its own text only
        assert "blinotumomab" not in t.name.en.lower()
        assert "блинотумомаб" not in t.name.ru.lower()


def test_responses_are_codes(any_case):
    for t in any_case.therapies:
        assert t.response is None or t.response in vocab.RESPONSES, t.response


def test_case1_therapies(c1):
    all2009 = therapy(c1, "National ALL-2009 protocol")
    assert (all2009.start, all2009.end, all2009.response) == (d("2014-03~"), d("2016-10"), "CR")
    rez = therapy(c1, "ALL-REZ-MB-2013 protocol (dasatinib-containing)")
    assert rez.category == "chemotherapy" and rez.response == "CR"
    assert rez.start == d("2017-09~")
    assert therapy(c1, "Dasatinib").category == "targeted"
    prephases = [t for t in c1.therapies if t.name.en.startswith("Cyclophosphamide pre-phase")]
    assert len(prephases) == 2
    assert any("200 mg/kg" in t.note.en and "200 мг/кг" in t.note.ru for t in prephases)
    blina = therapy(c1, "Blinatumomab")
    assert blina.category == "immunotherapy" and blina.cycles == 1
    assert blina.response in ("PD", "NR")
    assert "4-week" in blina.note.en
    ino = therapy(c1, "Inotuzumab ozogamicin")
    assert ino.category == "immunotherapy" and ino.response == "CR MRD+"
    assert ino.end == d("2018-07~") and ino.end.end() < c1.transplant_date().start()
    assert "three weeks before allo-HSCT" in ino.note.en
    for name in ("Nilotinib", "Bosutinib", "Imatinib"):
        assert therapy(c1, name).category == "targeted"
    assert not therapy(c1, "Bosutinib").ongoing
    imatinib = therapy(c1, "Imatinib")
    assert imatinib.ongoing and imatinib.end is None
    assert [t.name.en for t in c1.therapies if t.ongoing] == [
        "Imatinib", "Tacrolimus (for chronic GVHD)"]


def test_case2_therapies(c2):
    all2009 = therapy(c2, "National ALL-2009 protocol with rituximab")
    assert (all2009.end, all2009.response) == (d("2014-04"), "CR")
    hyper = therapy(c2, "HyperCVAD")
    assert (hyper.cycles, hyper.response) == (3, "CR")
    assert therapy(c2, "FLAG-Ida (salvage)").response == "CRi"
    blina = therapy(c2, "Blinatumomab")
    assert (blina.cycles, blina.response) == (3, "CR MRD-")
    assert blina.start == d("2016-01~")
    ino = therapy(c2, "Inotuzumab ozogamicin")
    assert (ino.category, ino.cycles, ino.response) == ("immunotherapy", 4, "CMR")
    assert "outpatient" in ino.note.en and "extended access" in ino.note.en
    assert therapy(c2, "Tocilizumab (for cytokine release syndrome)").category == "supportive"
    assert therapy(c2, "Donor lymphocyte infusion (DLI)").category == "cellular"
    assert len([t for t in c2.therapies if t.category == "radiotherapy"]) == 2
    assert not any(t.ongoing for t in c2.therapies)


# --- measurements ----------------------------------------------------------------

def values(case: Case, kind: str) -> list[float | None]:
    return [m.value for m in case.measurements if m.kind == kind]


def test_case1_measurements(c1):
    assert values(c1, "marrow_blasts") == [90, 18]
    assert values(c1, "cd19") == [99.6, 88.6]
    assert values(c1, "cd22") == [97.9]
    assert [v for v in values(c1, "bcr_abl") if v is not None] == [33.5534, 0.0637]
    wbc, plt = ([m for m in c1.measurements if m.kind == k] for k in ("wbc", "plt"))
    assert [(m.date, m.value, m.unit) for m in wbc] == [(d("2017-09"), 200, "×10⁶/L")]
    assert [(m.date, m.value, m.unit) for m in plt] == [(d("2017-09"), 45, "×10⁶/L")]
    blasts90 = next(m for m in c1.measurements if m.kind == "marrow_blasts" and m.value == 90)
    assert blasts90.date == d("2018-03~") and blasts90.unit == "%"
    mrd = next(m for m in c1.measurements if m.value == 0.0637)
    assert mrd.date == d("2018-07~") and "RT-PCR" in mrd.note.en


def test_results_without_numbers(c1, c2):
    for case in (c1, c2):
        for m in case.measurements:
            assert (m.value is None) == (m.result is not None), m
    (flow_pos,) = [m for m in c2.measurements if m.kind == "mrd_flow" and m.result == "positive"]
    assert flow_pos.value is None and "flow cytometry" in flow_pos.note.en
    negatives = [m for m in c2.measurements if m.result == "negative"]
    assert len(negatives) == 3 and all(m.value is None for m in negatives)
    assert all(m.value is None for m in c1.measurements if m.result == "negative")


def test_measurement_kinds_come_from_the_vocabulary(any_case):
    for m in any_case.measurements:
        assert m.kind in vocab.MEASUREMENT_KINDS, m.kind
        assert m.kind != "other", m  # every measurement of the report has a proper kind


def chimerism(case: Case) -> list[tuple[PartialDate, float | None, str | None]]:
    return [(m.date, m.value, m.result) for m in case.measurements if m.kind == "chimerism"]


def test_complete_donor_chimerism_as_stated(c1, c2):
    """ "Complete donor chimerism" is a result without a number: never a percentage."""
    assert chimerism(c1) == [(d("2018-09-02"), None, "complete")]
    assert chimerism(c2) == [(d("2015-12-15"), None, "complete"),
                             (d("2016-02~"), None, "complete"),
                             (d("2018-11~"), None, "complete")]
    for case in (c1, c2):
        for m in case.measurements:
            if m.kind == "chimerism":
                assert m.unit is None, m
                assert "complete donor chimerism" in m.note.en.lower(), m
                assert "донорск" in m.note.ru and "химеризм" in m.note.ru, m
                assert "no percentage given" in m.note.en, m
                assert "процент не приведён" in m.note.ru, m


@pytest.mark.parametrize(("code", "days"), [("BALL-EM-1", 24), ("BALL-EM-2", 20)])
def test_complete_chimerism_at_engraftment(code, days):
    case = casefile.load(FILES[code])
    (engraftment,) = [e for e in case.events if "Engraftment" in e.label.en]
    assert days_after_transplant(case, engraftment.date) == days
    at_engraftment = [m for m in case.measurements if m.date == engraftment.date]
    assert {(m.kind, m.value, m.result) for m in at_engraftment} == {
        ("chimerism", None, "complete"), ("mrd", None, "negative")}


def test_mrd_without_a_stated_method(c1, c2):
    """MRD with no method in the report is kind "mrd", not "other" nor a guessed method."""
    mrd1 = [(m.date, m.result) for m in c1.measurements if m.kind == "mrd"]
    assert mrd1 == [(d("2018-09-02"), "negative"), (d("2019-07~"), "negative")]
    mrd2 = [(m.date, m.result) for m in c2.measurements if m.kind == "mrd"]
    assert mrd2 == [(d("2015-12-15"), "negative"), (d("2018-11~"), "negative")]
    for case in (c1, c2):
        for m in case.measurements:
            if m.kind == "mrd":
                assert m.value is None and m.unit is None, m
                assert "method not stated" in m.note.en and "метод не указан" in m.note.ru, m
    assert [m.result for m in c2.measurements if m.kind == "mrd_flow"] == ["positive",
                                                                           "negative"]


# --- events ----------------------------------------------------------------------

def test_event_types_and_sites_come_from_the_vocabularies(any_case):
    for e in any_case.events:
        assert e.type in vocab.EVENT_TYPES
        assert e.site is None or e.site in vocab.SITES, e.site
    diagnoses = [e for e in any_case.events if e.type == "diagnosis"]
    assert [(e.date, e.site) for e in diagnoses] == [(any_case.diagnosis.date, "marrow")]


def test_event_labels_are_short(any_case):
    """Labels fit on a timeline; the basis of a date and other remarks are in the note."""
    for i, e in enumerate(any_case.events):
        for lang in ("en", "ru"):
            label = e.label.get(lang)
            assert label and len(label) < MAX_LABEL, (any_case.code, i, lang, label)
        for word in ("derived", "not stated", "abstract", "report"):
            assert word not in e.label.en.lower(), (any_case.code, i, e.label.en)
        for word in ("выведен", "не указан", "резюме", "статье", "статьи"):
            assert word not in e.label.ru.lower(), (any_case.code, i, e.label.ru)


def test_every_approximate_date_has_a_note(any_case):
    """In the file itself: every date written with a trailing ~ has a non-empty note in
    both languages on the same item."""
    doc = json.loads(FILES[any_case.code].read_text(encoding="utf-8"))["case"]
    seen = 0
    for section in ("findings", "therapies", "events", "measurements", "pet_studies"):
        for i, item in enumerate(doc[section]):
            dates = [item.get(k) for k in ("date", "start", "end")]
            if any(isinstance(x, str) and x.endswith("~") for x in dates):
                seen += 1
                note = item["note"] or {}
                for lang in ("en", "ru"):
                    text = note.get(lang)
                    assert text and text.strip(), (any_case.code, f"{section}[{i}]", lang)
    assert seen >= 10  # both cases have many derived dates


def test_event_remarks_moved_to_notes(c1, c2):
    """What the long labels said is still there, in the notes."""
    first = next(e for e in c1.events if e.type == "relapse")
    assert "200×10⁶/L" in first.note.en and "45×10⁶/L" in first.note.en
    assert "Site not stated" in first.note.en and "Локализация не указана" in first.note.ru
    nodes = next(e for e in c1.events if e.site == "lymph_nodes")
    assert "cervical and mandibular" in nodes.note.en and "шейные" in nodes.note.ru
    second = next(e for e in c1.events if e.type == "relapse" and e.date == d("2018-03~"))
    assert "liquor normal" in second.note.en and "“a month later”" not in second.label.en
    dx2 = next(e for e in c2.events if e.type == "diagnosis")
    assert "normal karyotype" in dx2.note.en and "нормальный кариотип" in dx2.note.ru
    fourth = next(e for e in c2.events if e.date == d("2016-02~") and e.type == "remission")
    assert "flow cytometry" in fourth.note.en
    for case in (c1, c2):
        for e in case.events:
            if e.date.precision is Precision.YEAR and not e.date.approximate:
                assert "not stated" in e.note.en and "не указан" in e.note.ru, e


def test_case1_course(c1):
    relapse_sites = {e.site for e in c1.events if e.type == "relapse"}
    assert relapse_sites == {None, "marrow", "lymph_nodes", "breast"}
    first = next(e for e in c1.events if e.type == "relapse")
    assert first.date == d("2017-09")
    complications = {e.site: e.label.en for e in c1.events if e.type == "complication"}
    assert "dasatinib" in complications["gut"]
    assert "grade 3" in complications["liver"] and "ALT" in complications["liver"]
    assert "skin and mucosa" in complications["skin"]
    cgvhd = next(e for e in c1.events if e.site == "skin")
    assert cgvhd.date == d("2018-12~")  # 4 months after 09.08.2018
    (follow_up,) = [e for e in c1.events if e.type == "follow-up"]
    assert follow_up.date == d("2019-07~")  # 11 months after 09.08.2018
    assert "11 months" in follow_up.label.en and "MRD-negative" in follow_up.label.en


def test_case2_course(c2):
    relapses = [e for e in c2.events if e.type == "relapse"]
    assert {e.site for e in relapses} == {"marrow", "cns", "breast", "eye", "nose"}
    eye = next(e for e in relapses if e.site == "eye")
    assert eye.date == d("2016-11~")  # one year after 25.11.2015
    assert "left ocular" in eye.label.en and "левом глазу" in eye.label.ru
    assert next(e for e in relapses if e.site == "nose").date == d("2018-05~")
    assert relapses[0].date == d("2015-05")
    labels = " ".join(e.label.en for e in c2.events if e.type == "complication")
    assert "Cytokine release syndrome" in labels and "tocilizumab" in labels
    assert "SIRS" in labels
    assert [e.date for e in c2.events if e.type == "imaging"] == [d("2018-11~"), d("2019~")]


def test_case2_breast_relapse_number_contradiction_is_stated(c2):
    (breast,) = [e for e in c2.events if e.type == "relapse" and e.site == "breast"
                 and e.date == d("2018-11~")]
    assert "7th" in breast.note.en and "6th" in breast.note.en
    assert "7-м" in breast.note.ru and "6-м" in breast.note.ru
    assert "biopsy" in breast.label.en and "биопсия" in breast.label.ru
    assert "MRD-negative" in breast.note.en and "complete donor chimerism" in breast.note.en


# --- PET -------------------------------------------------------------------------

def test_case2_pet_before_and_after_inotuzumab(c2):
    before, after = c2.pet_studies
    assert before.date.sort_key() < after.date.sort_key()
    (lesion,) = before.lesions
    assert lesion.id == "breast" and lesion.site.en == "breast"
    assert lesion.sul_max == 11.93
    assert lesion.sul_peak is None and lesion.suv_max is None
    assert after.visual_response == "CMR"
    assert [x.sul_max for x in after.lesions if x.sul_max is not None] == []
    assert [x.sul_peak for x in after.lesions if x.sul_peak is not None] == []
    assert before.visual_response is None
    for study in (before, after):
        assert study.liver_sul_mean is None and study.liver_sul_sd is None
        assert study.liver_suv_max is None and study.mediastinum_suv_max is None
        assert study.new_lesions is None and study.deauville is None
        assert study.image is None  # the report's figure is not available


def test_case1_has_no_pet(c1):
    assert c1.pet_studies == []


# --- texts -----------------------------------------------------------------------

def test_every_text_is_bilingual(any_case):
    for where, text, required in texts(any_case):
        if required or text:
            assert text.en and text.en.strip(), (any_case.code, where, "en")
            assert text.ru and text.ru.strip(), (any_case.code, where, "ru")
            if text.ru != text.en:  # a proper name (HyperCVAD) may be the same in both
                assert CYRILLIC.search(text.ru), (any_case.code, where, "ru is not Russian")


def test_derived_dates_are_approximate_and_explained(any_case):
    """A date the report gives only relatively is marked ~ with its basis; a date known
    only to the year says the month is not stated."""
    for where, dates, text in dated_notes(any_case):
        if any(x.approximate for x in dates):
            assert "derived" in text.en and "выведен" in text.ru, (any_case.code, where)
        elif any(x.precision is Precision.YEAR for x in dates):
            assert "not stated" in text.en and "не указан" in text.ru, (any_case.code, where)


def test_sections(c1, c2):
    for case in (c1, c2):
        assert set(case.sections) == {"summary", "introduction", "presentation", "discussion",
                                      "conclusion"}
        for text in case.sections.values():  # PDF line breaks and hyphenation are gone
            assert not re.search(r"[^\n]\n[^\n]", text.en)
            assert not re.search(r"\w- \w", text.en.replace("allo- ", ""))
        assert "anti-PD-1" in case.sections["conclusion"].en
        assert "INO-VATE" in case.sections["discussion"].ru
    s1, s2 = c1.sections["summary"], c2.sections["summary"]
    assert "Case 1" in s1.en and "Case 2" not in s1.en
    assert "Случай 1" in s1.ru and "Женщина 31 года" in s1.ru
    assert "Case 2" in s2.en and "6th extramedullary relapse" in s2.en
    assert "6-ого экстрамедуллярного рецидива" in s2.ru
    assert "09.08.2018" in c1.sections["presentation"].en
    assert "09.08.2018" in c1.sections["presentation"].ru
    assert "25.11.2015" in c2.sections["presentation"].ru
    assert "SULmax 11.93" in c2.sections["presentation"].en
