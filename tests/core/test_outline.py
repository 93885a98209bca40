from desktop.core import deid
from desktop.core.model import Text
from desktop.core.outline import CaseOutline, first_sentences, sentences
from tests.conftest import make_case


def test_sentences_split_before_capitals_only():
    assert sentences("One. Two! Три? Four, e.g. this stays. 4 more") == [
        "One.", "Two!", "Три?", "Four, e.g. this stays.", "4 more"]


def test_first_sentences_whole_and_bounded():
    text = "A short one. " + "B " * 300 + "end. C."
    assert first_sentences(text) == ["A short one."]
    assert first_sentences("One. Two. Three. Four.") == ["One.", "Two.", "Three."]


def test_de_identified_facts_have_no_identifiers_and_relative_dates():
    case = make_case()
    rows = CaseOutline(case, "en").fact_rows()
    text = " ".join(f"{a} {b}" for a, b in rows).lower()
    assert not [s for s in deid.identifying_strings(case) if s.lower() in text]
    diagnosed = dict(rows)["Diagnosed"]
    assert "2011" not in diagnosed and "Nov" not in diagnosed and "D" in diagnosed
    assert ("Sex", "female") in rows and ("Age at diagnosis", "25 years") in rows


def test_identifying_facts_only_when_asked():
    rows = dict(CaseOutline(make_case(), "ru", anonymize=False).fact_rows())
    assert rows["Инициалы"] == "A.B." and rows["Дата диагноза"] == "ноябрь 2011"
    assert rows["Возраст на момент диагноза"] == "25 лет"


def test_take_away_is_the_conclusions_first_sentences():
    case = make_case()
    assert CaseOutline(case, "en").take_away() == []
    case.sections["conclusion"] = Text("Works well. Needs more study. A third. A fourth.",
                                       "Работает. Нужно больше данных.")
    assert CaseOutline(case, "en").take_away() == ["Works well.", "Needs more study.",
                                                    "A third."]
    assert CaseOutline(case, "ru").take_away() == ["Работает.", "Нужно больше данных."]
