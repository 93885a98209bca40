"""The deck: slides per case, language, de-identification, native charts and shapes, type."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import datetime

import pytest
from PIL import Image as PILImage
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from desktop.core import deid, vocab
from desktop.core.deid import identifying_strings
from desktop.core.model import Image, Lesion, PetStudy, Text
from desktop.core.outline import first_sentences
from desktop.slides import draw, labels, timeline_shapes
from desktop.slides.deck import SlidesError, build_deck, write_deck
from desktop.slides.sizes import SIZES
from tests.conftest import make_case
from tests.slides.conftest import (
    SECRET,
    deck_bytes,
    deck_texts,
    found,
    iter_shapes,
    open_deck,
    png,
    rich_case,
    seed,
    titles,
    xml_texts,
)

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def L(name: str, lang: str = "en", **fmt) -> str:
    return labels.get(name, lang, **fmt)


# --- structure ----------------------------------------------------------------------------
def test_slides_of_a_case_with_pet_in_order():
    prs = open_deck(deck_bytes("rich"))
    assert titles(prs) == [
        rich_case().title.en, L("case_at_a_glance"), L("patient_and_diagnosis"),
        L("lines_of_therapy"), L("timeline"), L("pet"), L("pet_images"), L("key_measurements"),
        L("discussion_points"), L("take_away"), L("references")]


def test_a_case_without_pet_or_conclusion_has_no_such_slides():
    case = replace(make_case(), pet_studies=[], sections={})
    prs = open_deck(build_deck(case))
    assert titles(prs) == [case.title.en, L("case_at_a_glance"), L("patient_and_diagnosis"),
                           L("lines_of_therapy"), L("timeline"), L("key_measurements"),
                           L("references")]


def test_one_pet_study_is_nothing_to_compare():
    case = make_case()
    case = replace(case, pet_studies=case.pet_studies[:1])
    assert L("pet") not in titles(open_deck(build_deck(case)))


def test_seed_decks_have_pet_only_where_the_case_has_studies():
    one = titles(open_deck(deck_bytes("BALL-EM-1")))
    two = titles(open_deck(deck_bytes("BALL-EM-2")))
    assert L("pet") not in one and two.count(L("pet")) == 1
    assert L("pet_images") not in two  # the report's figures are not in the case
    for t in (one, two):
        assert t[1:4] == [L("case_at_a_glance"), L("patient_and_diagnosis"),
                          L("lines_of_therapy")] and L("timeline") in t
        assert t[-2:] == [L("take_away"), L("references")]


def test_two_cases_follow_each_other():
    a, b = seed("BALL-EM-1"), seed("BALL-EM-2")
    prs = open_deck(build_deck([a, b]))
    t = titles(prs)
    assert t[0] == a.title.en and b.title.en in t
    assert len(t) == len(titles(open_deck(deck_bytes("BALL-EM-1")))) + len(
        titles(open_deck(deck_bytes("BALL-EM-2"))))
    assert prs.core_properties.title == L("cases", n=2)


def test_long_lists_continue_on_the_next_slide_evenly():
    case = rich_case()
    many = [replace(case.measurements[0], value=float(i)) for i in range(30)]
    t = titles(open_deck(build_deck(replace(case, measurements=many))))
    pages = [x for x in t if x.startswith(L("key_measurements"))]
    assert len(pages) >= 2 and pages[1] == L("continued", t=L("key_measurements"))
    prs = open_deck(build_deck(replace(case, measurements=many)))
    rows = [len(sh.table.rows) - 1 for s in prs.slides for sh in s.shapes
            if sh.name == "table:measurements"]
    assert sum(rows) == 30 and max(rows) - min(rows) <= 1


@pytest.mark.parametrize(("size", "width"), [("16:9", 12192000), ("4:3", 9144000)])
def test_slide_size(size, width):
    prs = open_deck(deck_bytes("rich", size=size))
    assert (prs.slide_width, prs.slide_height) == (width, 6858000)
    for slide in prs.slides:  # nothing placed off the slide
        for sh in slide.shapes:
            assert sh.left >= 0 and sh.top >= 0, sh.name
            assert sh.left + sh.width <= width and sh.top + sh.height <= 6858000, sh.name


def test_bad_arguments_are_refused():
    with pytest.raises(SlidesError, match="lang"):
        build_deck(make_case(), lang="de")
    with pytest.raises(SlidesError, match="size"):
        build_deck(make_case(), size="21:9")
    with pytest.raises(SlidesError, match="no case"):
        build_deck([])


# --- language -----------------------------------------------------------------------------
def test_russian_deck_has_russian_titles_and_no_english_headings():
    prs = open_deck(deck_bytes("rich", lang="ru"))
    for t in titles(prs):
        assert CYRILLIC.search(t), t
    english = {t.en for t in labels.SLIDES.values()} | {t.en for t in vocab.FIELDS.values()}
    english |= {t.en for t in vocab.SECTIONS.values()}
    english = {re.sub(r"\{\w+\}", "", e).strip() for e in english if e}
    paragraphs = {p.text.strip() for s in prs.slides for sh in iter_shapes(s.shapes)
                  if sh.has_text_frame for p in sh.text_frame.paragraphs}
    cells = {c.text.strip() for s in prs.slides for sh in s.shapes if sh.has_table
             for row in sh.table.rows for c in row.cells}
    assert not (english & (paragraphs | cells))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides
                      if s.has_notes_slide)
    assert "Case presentation" not in notes and "Описание случая" in notes


def test_english_deck_has_english_headings():
    prs = open_deck(deck_bytes("rich", lang="en"))
    assert not any(CYRILLIC.search(t) for t in titles(prs))


def test_missing_translation_is_left_out():
    case = rich_case()
    case = replace(case, sections={**case.sections,
                                   "conclusion": Text("Only in English.", None)})
    prs = open_deck(build_deck(case, lang="ru"))
    assert L("take_away", "ru") not in titles(prs)  # the pre-flight says so, no placeholder
    assert "Only in English." not in "\n".join(deck_texts(prs))


# --- de-identification --------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_deidentified_deck_has_no_identifying_string(lang, size):
    data = deck_bytes("rich", lang=lang, size=size)
    secrets = identifying_strings(rich_case())
    assert found(secrets, deck_texts(open_deck(data))) == set()
    assert found(secrets, xml_texts(data)) == set()


@pytest.mark.parametrize("code", ["BALL-EM-1", "BALL-EM-2"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_deidentified_seed_decks_have_no_dates(code, lang):
    data = deck_bytes(code, lang=lang)
    assert found(identifying_strings(seed(code)), xml_texts(data)) == set()


def test_the_check_finds_identifiers_when_not_deidentified():
    """The same check on a deck made with anonymize=False: it must find them."""
    data = deck_bytes("rich", anonymize=False)
    hits = found(identifying_strings(rich_case()), deck_texts(open_deck(data)))
    assert {"A.B.", "MRN-0042", "2 Apr 1986", "Nov 2011"} <= hits


def test_not_deidentified_keeps_calendar_dates():
    prs = open_deck(deck_bytes("rich", anonymize=False))
    text = "\n".join(deck_texts(prs))
    assert "Nov 2011" in text  # the diagnosis, as a date
    assert "2016" in text  # calendar ticks on the timeline (2012-2014: an axis break)
    assert any(sh.name.startswith("axis-break:") for sh in timeline_slide(prs).shapes)
    assert "Days from" not in text and "D+" not in text


def test_deidentified_deck_counts_from_the_transplant():
    prs = open_deck(deck_bytes("rich"))
    text = "\n".join(deck_texts(prs))
    assert "D0 = transplant" in text and "D+" in text
    axis = next(sh for sh in timeline_slide(prs).shapes if sh.name == "axis-title")
    assert "transplant" in axis.text_frame.text


def test_core_properties_are_clean():
    for anonymize in (True, False):
        prs = open_deck(deck_bytes("rich", anonymize=anonymize))
        cp = prs.core_properties
        assert cp.author == "Case Presenter" and cp.last_modified_by == "Case Presenter"
        assert cp.comments == "" and cp.keywords == "" and cp.last_printed is None
        assert cp.created.year == cp.modified.year == datetime.now().year
        assert cp.title == rich_case().title.en
    ru = open_deck(deck_bytes("rich", lang="ru")).core_properties
    assert ru.title == rich_case().title.ru and ru.language == "ru-RU"


def test_speaker_notes_carry_the_narrative_scrubbed():
    prs = open_deck(deck_bytes("rich"))
    notes = {i: s.notes_slide.notes_text_frame.text for i, s in enumerate(prs.slides)
             if s.has_notes_slide}
    at = {t: i for i, t in enumerate(titles(prs))}
    assert "Summary text." in notes[0]
    facts = notes[at[L("patient_and_diagnosis")]]
    assert "Blinatumomab started on" in facts and "[removed]" in facts
    assert "Discussion." in notes[at[L("take_away")]]
    assert "Blinatumomab" in notes[at[L("timeline")]]  # the timeline's therapies and times


def test_pet_image_is_reencoded_cropped_to_fit_and_without_metadata():
    data = deck_bytes("rich")
    assert SECRET.encode() not in data and b"MRN-0042" not in data
    prs = open_deck(data)
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == L("pet_images"))
    pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert (pic.crop_left, pic.crop_right, pic.crop_top, pic.crop_bottom) == (0, 0, 0, 0)
    w, h = pic.image.size
    assert w < 300 or h < 120  # the part outside the frame is gone, not hidden
    assert abs(w / h - pic.width / pic.height) < 0.02  # not stretched
    with PILImage.open(io.BytesIO(pic.image.blob)) as img:
        assert not img.info.get("Comment") and not img.text
    assert any(sh.name == "pet-image:after-missing" for sh in slide.shapes)


def test_a_damaged_image_does_not_stop_the_deck():
    case = rich_case()
    broken = Image("image/png", png(10, 10)[:40])
    case = replace(case, pet_studies=[replace(case.pet_studies[0], image=broken),
                                      *case.pet_studies[1:]])
    warnings: list[str] = []
    prs = open_deck(build_deck(case, warn=warnings.append))
    assert len(warnings) == 1 and "TEST-1" in warnings[0]
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == L("pet_images"))
    text = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert L("image_bad") in text
    with pytest.raises(deid.DeidError):  # the core refuses it: the deck leaves it out
        deid.strip_image_metadata(broken)


# --- native chart -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pet_chart_is_a_native_line_chart(lang):
    prs = open_deck(deck_bytes("rich", lang=lang))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == L("pet", lang))
    charts = [sh for sh in slide.shapes if sh.has_chart]
    assert len(charts) == 1
    chart = charts[0].chart
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    cats = list(chart.plots[0].categories)
    assert cats[0].startswith(L("before", lang)) and cats[1].startswith(L("after", lang))
    (series,) = chart.plots[0].series
    assert series.name == rich_case().pet_studies[0].lesions[0].site.get(lang)
    assert series.values == (9.1, None)  # SULpeak before; after not reported, not zero
    assert chart.value_axis.axis_title.text_frame.text == "SULpeak"
    response = next(sh for sh in slide.shapes if sh.name == "pet-response")
    assert response.text_frame.text == vocab.RESPONSES["CMR"].get(lang)
    explanation = next(sh for sh in slide.shapes if sh.name == "pet-explanation")
    assert "9" in explanation.text_frame.text


def test_seed_pet_chart_shows_the_reported_value_only():
    prs = open_deck(deck_bytes("BALL-EM-2"))
    chart = next(sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart)
    assert [s.values for s in chart.plots[0].series] == [(11.93, None)]


# --- timeline shapes ----------------------------------------------------------------------
def timeline_slide(prs, lang: str = "en"):
    return next(s for s in prs.slides if s.shapes.title.text_frame.text == L("timeline", lang))


def _layout(case, lang="en", size="16:9", anonymize=True):
    view = deid.DeidView(case)
    shown = view.case() if anonymize else case
    anchor = view.anchor_kind if anonymize else "calendar"
    area = draw.content_box(*SIZES[size])
    return timeline_shapes.build(shown, area=area, anchor=anchor, lang=lang,
                                 anonymize=anonymize)


@pytest.mark.parametrize("which", ["rich", "BALL-EM-1", "BALL-EM-2"])
@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_timeline_shapes_match_the_layout(which, size):
    case = rich_case() if which == "rich" else seed(which)
    layout = _layout(case, size=size).layout
    slide = timeline_slide(open_deck(deck_bytes(which, size=size)))
    names = [sh.name for sh in slide.shapes]

    def count(prefix: str) -> int:
        return sum(n.startswith(prefix) for n in names)

    assert count("bar:") == len(layout.bars) > 0
    assert count("marker:") == len(layout.markers) > 0
    assert count("marker-label:") == sum(m.show_label for m in layout.markers)
    assert count("lane-title:") == len(layout.lanes)
    assert not any(lane.id.startswith("measure:") for lane in layout.lanes)
    assert count("tick:") >= 2 and count("tick-label:") >= 2
    bars = {sh.name: sh for sh in slide.shapes if sh.name.startswith("bar:")}
    for bar in layout.bars:
        shape = bars[f"bar:{bar.ref.kind}:{bar.ref.index}"]
        if bar.solid is not None:
            assert str(shape.fill.fore_color.rgb) == bar.colour.lstrip("#").upper()
        if bar.label_pos == "inside":
            assert shape.text_frame.text == bar.label


def test_markers_use_the_palette_symbols():
    layout = _layout(seed("BALL-EM-1")).layout
    slide = timeline_slide(open_deck(deck_bytes("BALL-EM-1")))
    shapes = {sh.name: sh for sh in slide.shapes}
    for m in layout.markers:
        shape = shapes[f"marker:{m.ref.kind}:{m.ref.index}"]
        kind, flipped = timeline_shapes.symbol_shape(m.symbol)
        assert shape.auto_shape_type == kind
        assert (shape.rotation == 180.0) == flipped


def test_labels_are_packed_for_the_slide_width():
    wide, narrow = _layout(seed("BALL-EM-1")), _layout(seed("BALL-EM-1"), size="4:3")
    assert narrow.layout.days_per_char > wide.layout.days_per_char
    assert min(wide.label_pt, narrow.label_pt) >= draw.LABEL_PT


def test_no_anchor_no_timeline():
    case = replace(make_case(), events=[], therapies=[],
                   diagnosis=replace(make_case().diagnosis, date=None))
    slide = timeline_slide(open_deck(build_deck(case)))
    text = [sh.text_frame.text for sh in slide.shapes if sh.name == "timeline-missing"]
    assert text == [L("no_timeline", why=L("no_anchor"))]


# --- readable from the back of the room ------------------------------------------------------
@pytest.mark.parametrize("which", ["rich", "BALL-EM-1", "BALL-EM-2"])
@pytest.mark.parametrize(("lang", "size"), [("en", "16:9"), ("ru", "4:3")])
def test_type_sizes(which, lang, size):
    prs = open_deck(deck_bytes(which, lang=lang, size=size))
    for i, slide in enumerate(prs.slides):
        timeline = slide.shapes.title.text_frame.text == L("timeline", lang)
        for sh in iter_shapes(slide.shapes):
            frames = [sh.text_frame] if sh.has_text_frame else []
            if sh.has_table:
                frames += [c.text_frame for row in sh.table.rows for c in row.cells]
            for tf in frames:
                for run in (r for p in tf.paragraphs for r in p.runs if r.text.strip()):
                    size_pt = run.font.size.pt
                    if sh == slide.shapes.title:
                        assert size_pt >= 32, (i, run.text)
                    elif timeline:
                        assert size_pt >= 12, (i, sh.name, run.text)
                    else:
                        assert size_pt >= 18, (i, sh.name, run.text)
            if sh.has_chart:
                assert sh.chart.font.size.pt >= 18


def test_text_colours_are_readable_on_white():
    from desktop.core import palette

    prs = open_deck(deck_bytes("BALL-EM-1"))
    for slide in prs.slides:
        for sh in slide.shapes:
            if not sh.has_text_frame or sh.name.startswith("bar:"):
                continue  # a label inside a bar is set on the bar's colour (palette.text_on)
            for run in (r for p in sh.text_frame.paragraphs for r in p.runs):
                colour = "#" + str(run.font.color.rgb)
                assert palette.contrast(colour, "#FFFFFF") >= 4.5, (sh.name, colour)


# --- take-away ----------------------------------------------------------------------------
def test_first_sentences_are_whole_and_few():
    text = rich_case().sections["conclusion"].en
    got = first_sentences(text)
    assert len(got) == 3 and all(text.find(s) >= 0 for s in got)
    assert got[0].startswith("Blinatumomab") and "fourth" not in " ".join(got)
    assert first_sentences("e.g. this stays one. Then two.") == [
        "e.g. this stays one.", "Then two."]
    long = "word " * 200 + "end."
    assert first_sentences(long + " Next one.") == [long.strip()]


def test_take_away_is_taken_from_the_conclusion_never_invented():
    prs = open_deck(deck_bytes("BALL-EM-1", lang="ru"))
    slide = prs.slides[titles(prs).index(L("take_away", "ru"))]
    box = next(sh for sh in slide.shapes if sh.name == "take-away")
    conclusion = seed("BALL-EM-1").sections["conclusion"].ru
    for p in box.text_frame.paragraphs:
        assert p.text in conclusion


# --- writing --------------------------------------------------------------------------------
def test_write_deck_is_all_or_nothing(tmp_path):
    out = write_deck(make_case(), tmp_path / "deck.pptx")
    assert out.read_bytes().startswith(b"PK") and list(tmp_path.iterdir()) == [out]
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(SlidesError, match="cannot write"):
        write_deck(make_case(), blocker / "deck.pptx")
    (tmp_path / "dir.pptx").mkdir()
    with pytest.raises(SlidesError, match="folder"):
        write_deck(make_case(), tmp_path / "dir.pptx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "dir.pptx", "file.txt"]


def test_labels_are_written_once_and_in_both_languages():
    core = {(t.en, t.ru) for t in vocab.FIELDS.values()}
    for name, text in labels.SLIDES.items():
        assert text.en and text.ru, name
        assert name not in vocab.FIELDS, name
        assert (text.en, text.ru) not in core, name


def test_a_study_without_lesions_says_so_instead_of_a_chart():
    case = make_case()
    studies = [replace(s, lesions=[]) for s in case.pet_studies]
    prs = open_deck(build_deck(replace(case, pet_studies=studies)))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == L("pet"))
    assert not any(sh.has_chart for sh in slide.shapes)
    assert any(sh.name == "pet-no-values" for sh in slide.shapes)


def test_a_comparison_the_core_refuses_is_explained_not_crashed():
    case = make_case()
    bad = [PetStudy(s.date, lesions=[Lesion("L1", sul_max=-1.0)]) for s in case.pet_studies]
    prs = open_deck(build_deck(replace(case, pet_studies=bad)))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == L("pet"))
    (text,) = [sh.text_frame.text for sh in slide.shapes if sh.name == "pet-error"]
    assert text.startswith(L("pet_error", why="")) and "-1.0" in text
