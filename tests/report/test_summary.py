"""The PDF summary read back with pypdf: text in both languages, fonts, pages, paper,
metadata, de-identification, and the glyph check."""

from __future__ import annotations

import re

import pytest
from pypdf.generic import IndirectObject

from desktop.core import deid
from desktop.core.model import Measurement, Text, Therapy
from desktop.core.timeline import build_layout
from desktop.report import labels
from desktop.report.fonts import GlyphError
from desktop.report.summary import CaseSummaryPdf, ReportError
from tests.conftest import d, make_case
from tests.report.conftest import (
    full_text,
    page_texts,
    reader,
    render,
    seed_cases,
)

CYRILLIC = re.compile("[а-яА-ЯёЁ]")
STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
    "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (PDF text wraps)."""
    return " ".join(text.split())


# --- languages ---------------------------------------------------------------------------
def test_english_summary_reads_in_english():
    text = flat(full_text(render(lang="en")))
    for s in ("Relapsed B-ALL with a breast lesion", "Therapies", "Blinatumomab",
              "complete remission, MRD-positive", "Key facts", "Informed consent", "obtained",
              "not reported", "Summary text."):
        assert s in text, s
    assert not CYRILLIC.search(text)


def test_russian_summary_has_correct_cyrillic():
    text = flat(full_text(render(lang="ru")))
    for s in ("Рецидив B-ОЛЛ с поражением молочной железы", "Терапия", "Блинатумомаб",
              "полная ремиссия, МОБ-позитивная", "Информированное согласие", "получено",
              "не указано", "Текст резюме.", "женщина", "25 лет"):
        assert s in text, s
    assert "Blinatumomab" not in text and "Therapies" not in text


def test_bilingual_summary_has_both_titles_on_the_first_page_and_paired_headings():
    pages = page_texts(render(lang="both"))
    first = flat(pages[0])
    assert "Relapsed B-ALL with a breast lesion" in first
    assert "Рецидив B-ОЛЛ с поражением молочной железы" in first
    text = flat("\n".join(pages))
    for en, ru in (("Lines of therapy", "Линии терапии"), ("Key facts", "Основные сведения"),
                   ("Discussion", "Обсуждение"), ("References", "Литература")):
        assert f"{en} / {ru}" in text
    # the summary on page 1: English, then Russian
    assert first.index("Summary text.") < first.index("Текст резюме.")


def test_missing_translation_is_left_out_never_a_placeholder():
    text = flat(full_text(render(lang="ru")))
    assert "[нет текста" not in text and "Discussion." not in text  # no Russian discussion


def test_unknown_consent_says_not_stated_in_the_source():
    case = make_case()
    case.consent = None
    en = flat(full_text(CaseSummaryPdf(case, "en").generate()))
    ru = flat(full_text(CaseSummaryPdf(case, "ru").generate()))
    assert "not stated in the source" in en
    assert "не указано в источнике" in ru


def test_unknown_values_print_as_not_reported():
    case = make_case()
    case.diagnosis.karyotype = None
    case.diagnosis.molecular = None
    text = flat(full_text(CaseSummaryPdf(case, "en").generate()))
    assert re.search(r"Karyotype\s+not reported", text)
    assert re.search(r"Molecular findings\s+not reported", text)


def test_seed_cases_render_in_every_language(seed_code):
    case = next(c for c in seed_cases() if c.code == seed_code)
    for lang in ("en", "ru", "both"):
        text = flat(full_text(render(seed_code, lang)))
        title = {"en": case.title.en, "ru": case.title.ru, "both": case.title.en}[lang]
        assert flat(title)[:60] in text
        if lang != "en":
            assert CYRILLIC.search(text)


# --- figures -------------------------------------------------------------------------------
def test_timeline_figure_draws_the_core_layout():
    """The figure's labels are those of ``timeline.build_layout``: nothing recomputed."""
    case = make_case()
    text = flat(full_text(render(lang="en")))
    layout = build_layout(case, lang="en")
    for bar in layout.bars:
        if bar.label_pos != "none":
            assert bar.label in text
    assert layout.axis_title in text


def test_pet_comparison_shows_table_chart_and_explanation():
    text = flat(full_text(render(lang="en")))
    assert "PET comparison" in text
    assert "11.93" in text  # the baseline SULmax, in the table and the chart
    assert "Not assessable by PERCIST 1.0" in text  # the disease's criteria, as headline
    assert "Physician's read: complete metabolic response (CMR)" in text
    assert "as read visually" in text  # pet.py's explanation, not the report's


# --- typography ---------------------------------------------------------------------------
def _fonts(data: bytes) -> dict[str, dict]:
    out = {}
    for page in reader(data).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            out[str(font["/BaseFont"]).lstrip("/")] = font
    return out


@pytest.mark.parametrize("lang", ["en", "ru", "both"])
def test_fonts_are_embedded_truetype_and_never_standard_14(lang):
    fonts = _fonts(render(lang=lang))
    names = {name.split("+", 1)[-1] for name in fonts}
    assert not names & STANDARD_14
    assert {"PTSerif-Regular", "PTSans-Regular", "PTSans-Bold"} <= names
    for name, font in fonts.items():
        assert "+" in name, f"{name} is not a subset"
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), f"{name} not embedded"


def test_signs_pt_lacks_come_from_dejavu_not_a_black_box():
    case = make_case()
    case.measurements.append(Measurement(d("2016-03"), "wbc", 3.2, "×10⁹/L"))
    case.sections["summary"] = Text("Ratio α/β → 10⁻⁶.", "Отношение α/β → 10⁻⁶.")
    data = CaseSummaryPdf(case, "both").generate()
    assert any(name.endswith("DejaVuSans") for name in _fonts(data))
    text = full_text(data)
    assert "α/β" in text and "→" in text and "10⁻⁶" in text


def test_missing_glyph_is_an_error_naming_case_and_field():
    case = make_case()
    case.title = Text("Relapse 中文", "Рецидив")
    with pytest.raises(GlyphError) as e:
        CaseSummaryPdf(case, "both").generate()
    assert "TEST-1" in str(e.value) and "title.en" in str(e.value)
    assert "U+4E2D" in str(e.value)
    case = make_case()
    case.sections["summary"] = Text("ok", "плохо 한")
    with pytest.raises(GlyphError, match=r"sections\.summary\.ru"):
        CaseSummaryPdf(case, "ru").generate()
    CaseSummaryPdf(case, "en").generate()  # a language not printed is not checked


def test_long_tables_repeat_their_header_and_text_splits_across_pages():
    case = make_case()
    case.therapies = [Therapy(Text(f"Drug {i}", f"Препарат {i}"), "chemotherapy",
                              d(f"20{10 + i // 12:02d}-{i % 12 + 1:02d}"), cycles=2,
                              note=Text("A note. " * 12, "Примечание. " * 12))
                      for i in range(60)]
    case.sections["discussion"] = Text("Long discussion text. " * 900, "Обсуждение. " * 900)
    pages = page_texts(CaseSummaryPdf(case, "en").generate())
    with_table = [p for p in pages if "Drug " in p]
    assert len(with_table) >= 3
    assert all("Regimen" in p and "Best response" in p for p in with_table)
    with_discussion = [p for p in pages if "Long discussion text." in p]
    assert len(with_discussion) >= 2


# --- pages ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru", "both"])
def test_page_n_of_m_on_every_page(lang):
    pages = page_texts(render(lang=lang))
    n = len(pages)
    assert 2 <= n <= 8
    for i, text in enumerate(pages, 1):
        if lang in ("en", "both"):
            assert f"page {i} of {n}" in text
        if lang in ("ru", "both"):
            assert f"стр. {i} из {n}" in text
        assert "TEST-1" in text  # running header


def test_seed_page_counts_are_plausible(seed_code):
    for lang, most in (("en", 9), ("ru", 10), ("both", 16)):
        n = len(reader(render(seed_code, lang)).pages)
        assert 3 <= n <= most, (lang, n)


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_paper_size(paper, size):
    for page in reader(render(paper=paper)).pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_metadata():
    meta = reader(render(lang="both")).metadata
    assert "Relapsed B-ALL with a breast lesion" in meta.title
    assert "Рецидив B-ОЛЛ" in meta.title
    assert "Case summary" in meta.subject and "B-ALL" in meta.subject
    assert meta.author == "Case Presenter"
    assert reader(render(lang="ru")).trailer["/Root"]["/Lang"] == "ru"
    assert reader(render(lang="en")).trailer["/Root"]["/Lang"] == "en"


def test_bad_options_are_refused():
    with pytest.raises(ReportError, match="lang"):
        CaseSummaryPdf(make_case(), "de")
    with pytest.raises(ReportError, match="paper"):
        CaseSummaryPdf(make_case(), paper="a5")


# --- de-identification -------------------------------------------------------------------------
def _leaks(case, data: bytes) -> list[str]:
    meta = reader(data).metadata
    haystack = " ".join([full_text(data), *(str(v) for v in meta.values())]).lower()
    flat_haystack = flat(haystack)
    return [s for s in deid.identifying_strings(case)
            if s.lower() in haystack or flat(s.lower()) in flat_haystack]


@pytest.mark.parametrize("lang", ["en", "ru", "both"])
def test_deidentified_summary_shows_nothing_identifying(lang):
    case = make_case()
    data = render(lang=lang, anonymize=True)
    assert _leaks(case, data) == []
    text = flat(full_text(data))
    for s in ("A.B.", "MRN-0042", "1986"):
        assert s not in text
    mark = {"en": "De-identified", "ru": "Обезличено", "both": "De-identified / Обезличено"}
    assert mark[lang] in text
    assert "D+" in text or "Д+" in text  # dates as time from the transplant


def test_the_identifying_strings_are_there_without_anonymize():
    """The check above can fail: the plain summary does show what it hides."""
    assert {"A.B.", "MRN-0042"} <= set(_leaks(make_case(), render(lang="en")))


def test_deidentified_seed_cases_leak_no_date(seed_code):
    case = next(c for c in seed_cases() if c.code == seed_code)
    for lang in ("en", "ru"):
        data = render(seed_code, lang, anonymize=True)
        assert _leaks(case, data) == []


def test_deidentified_metadata_is_clean():
    case = make_case()
    case.title = Text("Relapse diagnosed on 15.01.2016 in A.B.", "Рецидив от 15.01.2016 у A.B.")
    data = CaseSummaryPdf(case, "both", anonymize=True).generate()
    meta = reader(data).metadata
    values = " ".join(str(v) for v in meta.values())
    assert "15.01.2016" not in values and "A.B." not in values
    assert labels.get("deidentified", "en") in meta.subject


def test_a_row_taller_than_a_page_splits_and_a_tall_timeline_shrinks_to_one_page():
    case = make_case()
    case.therapies[0].note = Text("word " * 5000, "слово " * 5000)
    case.measurements += [Measurement(d("2016-01-14"), f"kind{i}", 1.0 + i, "u")
                          for i in range(40)]
    pages = page_texts(CaseSummaryPdf(case, "both").generate())
    assert sum("word word" in p for p in pages) >= 3
    assert sum("Figure 1." in p for p in pages) == 1


def test_results_without_a_number_and_event_notes_are_printed():
    case = make_case()
    case.measurements.append(Measurement(d("2016-03"), "chimerism", None, None, "complete"))
    case.events[0].note = Text("Engraftment on time.", "Приживление в срок.")
    en = flat(full_text(CaseSummaryPdf(case, "en").generate()))
    ru = flat(full_text(CaseSummaryPdf(case, "ru").generate()))
    assert "Donor chimerism complete" in en and "Донорский химеризм полный" in ru
    assert "Engraftment on time." in en and "Приживление в срок." in ru


@pytest.mark.parametrize("anonymize", [False, True])
def test_a_nearly_empty_case_still_makes_a_summary(anonymize):
    from desktop.core.model import Case

    data = CaseSummaryPdf(Case(code="EMPTY-1"), "both", anonymize).generate()
    text = flat(full_text(data))
    assert "[no English text]" not in text and "[нет текста" not in text  # no title: none
    assert "not stated in the source" in text
    assert "page 1 of 1" in text
