"""Issue 13, "Done when": the verdict of the disease's criteria with the physician's read,
no placeholder, raw code or English vocabulary word in Russian output, and a pre-flight
that lists what the language asked for lacks. PDFs and decks are read back as text."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

import pytest
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader

from desktop.cli import main
from desktop.core import casefile, pet, vocab
from desktop.core.model import Text
from desktop.core.paths import seed_files
from desktop.core.preflight import preflight
from desktop.core.store import Store
from desktop.core.vocab_import import map_case
from desktop.report.summary import CaseSummaryPdf
from desktop.slides.deck import build_deck
from tests.board.cases import foreign_doc, lymphoma_case, write_foreign
from tests.slides.conftest import deck_texts, iter_shapes


@cache
def cases() -> dict[str, object]:
    out = {c.code: c for c in (casefile.load(p) for p in seed_files())}
    out["DLBCL-1"] = lymphoma_case()
    out["EXT-7"] = map_case(casefile.from_document(foreign_doc()))[0]
    return out


@cache
def pdf_pages(code: str, lang: str) -> tuple[str, ...]:
    data = CaseSummaryPdf(cases()[code], lang).generate()
    return tuple(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


@cache
def deck(code: str, lang: str) -> bytes:
    return build_deck(cases()[code], lang=lang)


def deck_text(code: str, lang: str) -> str:
    return "\n".join(deck_texts(Presentation(io.BytesIO(deck(code, lang)))))


CODES = ("BALL-EM-1", "BALL-EM-2", "DLBCL-1", "EXT-7")
PLACEHOLDERS = ("[нет текста", "[no English", "[en]", "[ru]")
RAW_CODES = ("bm_blasts_pct", "mrd_flow_pct", "marrow_blasts", "mrd_flow", "lymph_nodes",
             "marrow,testis", "CR MRD")
#: English labels of the vocabulary (those that differ in Russian).
ENGLISH_WORDS = sorted({t.en for table in (vocab.SITES, vocab.RESULTS, vocab.RESPONSES,
                                           vocab.NOTATION_WORDS, vocab.EVENT_TYPES,
                                           vocab.THERAPY_CATEGORIES)
                        for t in table.values() if t.en and t.en != t.ru and len(t.en) > 3})


def english_words(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text)
    return [w for w in ENGLISH_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", flat,
                                                  re.IGNORECASE)]


# --- the verdict ---------------------------------------------------------------------------
def test_lymphoma_is_judged_by_lugano_with_the_physicians_read():
    v = pet.compare_studies(lymphoma_case())[0].verdict
    assert v.criteria == "lugano" and v.category == "CMR"
    assert v.headline("en") == "CMR — complete metabolic response (Lugano 2014, Deauville)"
    assert v.read.text("en") == ("Physician's read: complete metabolic response (CMR), "
                                 "Deauville 3")
    assert v.disagreement is None
    assert v.secondary is not None and v.secondary.category == "PMR"  # PERCIST, secondary
    assert "Secondary" in v.secondary_text("en") and "PERCIST" in v.secondary_text("en")


@pytest.mark.parametrize(("name", "criteria"), [
    (Text("Hodgkin lymphoma", None), "lugano"), (Text(None, "Лимфома Ходжкина"), "lugano"),
    (Text("B-ALL", "В-клеточный острый лимфобластный лейкоз"), "percist"),
    (Text("Breast cancer", None), "percist")])
def test_auto_criteria_follow_the_diagnosis_in_either_language(name, criteria):
    case = lymphoma_case()
    case.diagnosis.name = name
    assert pet.criteria_for(case) == criteria


def test_explicit_percist_flags_the_disagreement_with_the_read():
    case = lymphoma_case()
    case.pet_criteria = "percist"
    v = pet.compare_studies(case)[0].verdict
    assert v.category == "PMR"
    assert v.disagreement == Text("Computed PMR, read as CMR: the two differ",
                                  "Рассчитано PMR, врач оценил как CMR: оценки расходятся")


def test_pet_criteria_round_trips_and_a_wrong_value_is_refused():
    case = lymphoma_case()
    case.pet_criteria = "percist"
    assert casefile.loads(casefile.dumps(case)).pet_criteria == "percist"
    doc = casefile.to_document(case)
    doc["case"]["pet_criteria"] = "recist"
    with pytest.raises(ValueError, match="pet_criteria"):
        casefile.from_document(doc)
    with Store.open(None, seed=False) as s:
        s.add(case)
        assert s.get(case.code).pet_criteria == "percist"


# --- import mapping and pre-flight ---------------------------------------------------------
def test_import_maps_another_centres_codes_and_says_so(tmp_path, capsys):
    path = write_foreign(tmp_path)
    assert main(["--db", str(tmp_path / "lib.db"), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "mapped measurements[0].kind: 'bm_blasts_pct' → marrow_blasts" in out
    assert "mapped events[1].site: 'bone marrow, testis' → marrow,testis" in out
    with Store.open(tmp_path / "lib.db") as s:
        case = s.get("EXT-7")
    assert [m.kind for m in case.measurements] == ["marrow_blasts", "mrd_flow"]
    assert case.events[2].site == "left ear lobe"  # matches nothing: kept as written
    assert case.therapies[0].response == "MRD-"


def test_preflight_lists_what_the_language_lacks():
    raw = casefile.from_document(foreign_doc())
    ru = [i for i in preflight(raw, "ru")]
    kinds = {(i.kind, i.where) for i in ru}
    assert ("unknown_code", "measurements[0].kind") in kinds
    assert ("untranslated", "events[2].site") in kinds
    mapped = preflight(cases()["EXT-7"], "ru")
    assert [i.where for i in mapped if i.kind in ("unknown_code", "untranslated")] == \
        ["events[2].site"]
    case = lymphoma_case()
    case.therapies[0].note = Text("Given in full.", None)
    assert ("missing_text", "therapies[0].note") in {(i.kind, i.where)
                                                     for i in preflight(case, "ru")}
    assert "therapies[0].note" not in {i.where for i in preflight(case, "en")}
    assert {i.kind for i in preflight(cases()["BALL-EM-1"], "en")} >= {"citation", "undated"}


# --- what the PDF and the deck say ---------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_lymphoma_pdf_page_one_states_the_verdict_and_the_read(lang):
    first = re.sub(r"\s+", " ", pdf_pages("DLBCL-1", lang)[0])
    assert "Lugano 2014, Deauville" in first
    assert ("Physician's read" if lang == "en" else "Оценка врача") in first
    assert "Deauville 3" in first


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_lymphoma_slides_state_the_verdict_and_never_percist(lang):
    text = re.sub(r"\s+", " ", deck_text("DLBCL-1", lang))
    assert "Lugano 2014, Deauville" in text
    assert ("Physician's read" if lang == "en" else "Оценка врача") in text
    assert "PERCIST" not in text


@pytest.mark.parametrize("code", CODES)
def test_russian_pdf_has_no_placeholder_raw_code_or_english_word(code):
    text = "\n".join(pdf_pages(code, "ru"))
    assert [p for p in PLACEHOLDERS if p in text] == []
    assert [c for c in RAW_CODES if c in text] == []
    assert english_words(text) == []


@pytest.mark.parametrize("code", CODES)
def test_russian_deck_has_no_placeholder_raw_code_or_english_word(code):
    text = deck_text(code, "ru")
    assert [p for p in PLACEHOLDERS if p in text] == []
    assert [c for c in RAW_CODES if c in text] == []
    assert english_words(text) == []


@pytest.mark.parametrize("code", CODES)
def test_deck_text_is_readable_and_its_format_is_right(code):
    data = deck(code, "en")
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "On-screen Show (16:9)" in app and "4:3" not in app
    for slide in Presentation(io.BytesIO(data)).slides:
        for sh in iter_shapes(slide.shapes):
            if sh.has_text_frame and sh.name in ("at-a-glance", "discussion", "references",
                                                  "pet-explanation"):
                sizes = {r.font.size for p in sh.text_frame.paragraphs for r in p.runs}
                assert min(sizes) >= Pt(18), sh.name
            if sh.has_table and sh.name == "table:lines":
                sizes = {r.font.size for row in sh.table.rows for c in row.cells
                         for p in c.text_frame.paragraphs for r in p.runs}
                assert min(sizes) >= Pt(14)


def test_deck_has_the_slides_of_a_talk():
    names = {sh.name for s in Presentation(io.BytesIO(deck("DLBCL-1", "en"))).slides
             for sh in iter_shapes(s.shapes)}
    assert {"at-a-glance", "table:lines", "pet-explanation", "discussion", "take-away",
            "references"} <= names


def test_cli_prints_the_preflight_and_strict_writes_nothing(tmp_path, capsys):
    db = str(tmp_path / "lib.db")
    assert main(["--db", db, "import", str(write_foreign(tmp_path))]) == 0
    out = tmp_path / "ext.pptx"
    assert main(["--db", db, "slides", "EXT-7", "--lang", "ru", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: EXT-7: events[2].site: 'left ear lobe'" in err and out.is_file()
    strict = tmp_path / "strict.pptx"
    assert main(["--db", db, "slides", "EXT-7", "--lang", "ru", "--strict", "--out",
                 str(strict)]) == 1
    assert "error: --strict: nothing written" in capsys.readouterr().err
    assert not strict.exists()
    assert main(["--db", db, "pdf", "EXT-7", "--lang", "ru", "--strict", "--out",
                 str(tmp_path / "pdfs")]) == 1
    assert not (tmp_path / "pdfs").exists() or not any((tmp_path / "pdfs").iterdir())


@pytest.mark.parametrize("command", ["pdf", "slides"])
def test_cli_preflight_speaks_the_programs_language(tmp_path, capsys, command):
    db = str(tmp_path / "lib.db")
    assert main(["--db", db, "import", str(write_foreign(tmp_path))]) == 0
    capsys.readouterr()
    out = tmp_path / ("x.pdf" if command == "pdf" else "x.pptx")
    assert main(["--db", db, "--lang", "ru", command, "EXT-7", "--lang", "ru",
                 "--out", str(out)]) == 0
    warnings = [x for x in capsys.readouterr().err.splitlines() if ": warning: " in x]
    assert warnings and all(re.search("[а-яё]", x.split("EXT-7: ", 1)[1]) for x in warnings)
    assert not english_words(" ".join(x.split("EXT-7: ", 1)[1] for x in warnings))
    assert main(["--db", db, command, "EXT-7", "--lang", "ru", "--out", str(out)]) == 0
    assert "has no Russian label" in capsys.readouterr().err  # English by default


def test_a_lesion_has_one_colour_in_window_and_slides():
    from desktop.core import palette
    from desktop.gui.pet.style import lesion_colour

    assert [lesion_colour(i) for i in range(3)] == list(palette.LESION_COLOURS[:3])
    prs = Presentation(io.BytesIO(deck("DLBCL-1", "en")))
    chart = next(sh.chart for s in prs.slides for sh in iter_shapes(s.shapes) if sh.has_chart)
    line = chart.plots[0].series[0].format.line.color.rgb
    assert f"#{line}" == palette.LESION_COLOURS[0].upper()


# --- stage, IPI and cell of origin -------------------------------------------------------
STAGED = {"en": ("Stage", "IIA, bulky", "IPI", "Cell of origin", "germinal centre B-cell (GCB)"),
          "ru": ("Стадия", "IIA, bulky", "IPI", "Клеточное происхождение",
                 "из B-клеток герминального центра (GCB)")}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_stage_ipi_and_cell_of_origin_are_on_pdf_page_one_and_the_slides(lang):
    first = re.sub(r"\s+", " ", pdf_pages("DLBCL-1", lang)[0])
    slides = re.sub(r"\s+", " ", deck_text("DLBCL-1", lang))
    for words in STAGED[lang]:
        assert words in first, words
        assert words in slides, words
    assert re.search(r"IPI:? 2\b", first) and "IPI: 2" in slides


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_case_without_them_prints_no_empty_stage_rows(lang):
    text = " ".join(pdf_pages("BALL-EM-1", lang)) + deck_text("BALL-EM-1", lang)
    assert STAGED[lang][0] not in text and "IPI" not in text
