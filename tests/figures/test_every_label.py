"""Every event label is in every timeline figure — on the plot or in its key — for both
seed cases and a case with PET studies but no imaging event, at 16:9 and 4:3, on A4 and
Letter, in English and Russian, on each time axis. The tests read the text of what was
produced (pypdf, python-pptx) and compare it with the case."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import cache

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from desktop.core import casefile, vocab
from desktop.core.dates import PartialDate
from desktop.core.model import Case, PetStudy, Text
from desktop.core.paths import seed_files
from desktop.core.timeline import KEY_EVENT_TYPES, build_layout
from desktop.core.timeline.markers import without_site
from desktop.report import figures
from desktop.report.summary import CaseSummaryPdf
from desktop.slides import timeline_shapes
from desktop.slides.deck import SIZES
from desktop.slides.draw import content_box

ANCHORS = ("calendar", "diagnosis", "transplant")
LANGS = ("en", "ru")
PAPER_WIDTH = {"a4": 595.27 - 2 * 56.69, "letter": 612.0 - 2 * 56.69}


@cache
def cases() -> tuple[Case, ...]:
    seeds = tuple(casefile.load(p) for p in seed_files())
    two = next(c for c in seeds if c.pet_studies)
    pet_only = replace(two, code="PET-ONLY",
                       events=[e for e in two.events if e.type != "imaging"])
    return (*seeds, pet_only)


def expected(case: Case, lang: str) -> list[str]:
    """The label of every dated event and every PET study not already an imaging event,
    as the case writes it (the site said once), with its type."""
    out = []
    for e in case.events:
        text = e.label.get(lang) or vocab.label(vocab.EVENT_TYPES, e.type, lang)
        site = vocab.label(vocab.SITES, e.site, lang)
        if site and not without_site(text, site, e.site):
            text = f"{text} ({site})"
        out.append((e.type, text))
    imaged = {e.date for e in case.events if e.type == "imaging"}
    out += [("imaging", s.label.get(lang) or "") for s in case.pet_studies
            if s.date not in imaged]
    return out


def flat(s: str) -> str:
    """Text as extracted, whitespace and the soft breaks of wrapping made one space."""
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def missing(case: Case, lang: str, text: str) -> list[tuple[str, str]]:
    got = flat(text)
    return [(t, label) for t, label in expected(case, lang) if flat(label) not in got]


# --- the PDF figure ---------------------------------------------------------------------
def pdf_figure_text(case: Case, anchor: str, lang: str, width: float) -> str:
    probe = build_layout(case, anchor=anchor, lang=lang)
    dpc = figures.days_per_char(probe.x_max - probe.x_min, width)
    layout = build_layout(case, anchor=anchor, lang=lang, days_per_char=dpc,
                          max_label_rows=figures.EVENT_LABEL_ROWS)
    drawing = figures.timeline_drawing(layout, width, lane_titles=[[lane.label]
                                                                   for lane in layout.lanes],
                                       axis_title=layout.axis_title)
    buf = io.BytesIO()
    renderPDF.drawToFile(drawing, buf)
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(buf.getvalue())).pages)


@pytest.mark.parametrize("paper", sorted(PAPER_WIDTH))
@pytest.mark.parametrize("anchor", ANCHORS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_event_label_is_in_the_pdf_figure(paper: str, anchor: str, lang: str) -> None:
    for case in cases():
        text = pdf_figure_text(case, anchor, lang, PAPER_WIDTH[paper])
        assert missing(case, lang, text) == [], case.code


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_event_label_is_in_the_printed_summary(paper: str) -> None:
    case = cases()[-1]
    for lang in LANGS:
        pdf = CaseSummaryPdf(case, lang=lang, paper=paper).generate()
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert missing(case, lang, text) == []


# --- the slide ----------------------------------------------------------------------------
def slide_text(case: Case, anchor: str, lang: str, size: str) -> str:
    width, height = SIZES[size]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    made = timeline_shapes.build(case, area=content_box(width, height), anchor=anchor,
                                 lang=lang, anonymize=False)
    timeline_shapes.draw_timeline(slide, made, lang)
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    texts += [p for entry in made.overflow for p in entry]  # the key's next slide
    assert all(run.font.size.pt >= 12 for sh in slide.shapes if sh.has_text_frame
               for para in sh.text_frame.paragraphs for run in para.runs)
    assert any(sh.name.startswith("legend:") for sh in slide.shapes)
    return "\n".join(texts)


@pytest.mark.parametrize("size", ["16:9", "4:3"])
@pytest.mark.parametrize("anchor", ANCHORS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_event_label_is_on_the_timeline_slide(size: str, anchor: str, lang: str) -> None:
    for case in cases():
        assert missing(case, lang, slide_text(case, anchor, lang, size)) == [], case.code


# --- the checks fail when they should -----------------------------------------------------
@pytest.mark.parametrize("kind", KEY_EVENT_TYPES)
def test_a_dropped_key_event_is_caught(kind: str) -> None:
    """The comparison above fails when a key event's label is absent from the text."""
    case = cases()[0]
    label = f"Unmistakable {kind} label"
    event = replace(case.events[0], type=kind, label=Text(label, label), site=None)
    with_it = replace(case, events=[*case.events, event])
    text = pdf_figure_text(with_it, "calendar", "en", PAPER_WIDTH["a4"])
    assert missing(with_it, "en", text) == []
    assert missing(with_it, "en", text.replace(label, "")) == [(kind, label)]


def test_no_approximate_date_shows_more_than_one_range() -> None:
    """"≈ D−1607", never "D−1622 – D−1592" or a range of ranges, in the key and tips."""
    two_ranges = re.compile(r"[DДdд]\S*\d+\s*–\s*\S*\d+.*–")
    for case in cases():
        for anchor in ("diagnosis", "transplant"):
            for lang in LANGS:
                layout = build_layout(case, anchor=anchor, lang=lang, anonymize=True)
                for m in layout.markers:
                    assert " – " not in m.when, m.when
                for e in layout.key:
                    assert e.when.count(" – ") <= 1
                for b in layout.bars:
                    line = b.tooltip.split("\n")[2]
                    assert not two_ranges.search(line), line
                    assert line.count(" – ") == 1, line


def test_a_pet_study_without_an_imaging_event_is_an_imaging_marker_with_its_response() -> None:
    case = cases()[-1]
    layout = build_layout(case, lang="en")
    refs = [r for m in layout.markers for r in (m.members or (m.ref,)) if r.kind == "pet"]
    assert [r.index for r in refs] == [0, 1]
    after = next(m for m in layout.markers if m.ref == refs[1])  # on its own
    assert after.type == "imaging"
    assert after.label == ("PET-CT after the 4th cycle of inotuzumab ozogamicin (Figure 1B): "
                           "complete metabolic response, as read visually")
    grouped = next(m for m in layout.markers if refs[0] in m.members)  # with the relapse
    entry = next(e for e in layout.key if e.number == grouped.callout)
    assert "PET-CT before inotuzumab ozogamicin (Figure 1A)" in entry.labels
    assert PartialDate.parse("2019~") == case.pet_studies[1].date
    # with an imaging event on the study's date, the event stands for it
    assert not [m for m in build_layout(cases()[1], lang="en").markers if m.ref.kind == "pet"]
    assert PetStudy  # the model the markers come from
