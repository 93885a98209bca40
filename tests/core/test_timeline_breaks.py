"""Long empty stretches shortened with a visible axis break, in the one layout every
renderer draws: only where a gap is over 40 % of the span and over a year, ticks never
inside a break, dates and relative labels unchanged; and labels that abbreviate their
site (BM, CNS, LN) do not repeat it."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from desktop.core.dates import PartialDate as P
from desktop.core.model import Case, Diagnosis, Event, Text, Therapy
from desktop.core.timeline import build_layout, drawn_x, real_day, ticks
from desktop.core.timeline.markers import without_site
from desktop.report import figures
from desktop.slides import timeline_shapes
from desktop.slides.deck import SIZES
from desktop.slides.draw import content_box

ANCHORS = ("calendar", "diagnosis", "transplant")


def gap_case(relapse_year: int = 2015) -> Case:
    """A diagnosis treated in 2010, then years of nothing, a relapse and a transplant."""
    return Case("GAP-1", diagnosis=Diagnosis(P(2010, 3, 1), Text("B-ALL", "B-ОЛЛ")),
                therapies=[Therapy(Text("Induction", "Индукция"), "chemotherapy",
                                   P(2010, 3, 5), P(2010, 9, 1)),
                           Therapy(Text("Salvage", "Спасение"), "chemotherapy",
                                   P(relapse_year, 10, 1), P(relapse_year, 12, 1)),
                           Therapy(Text("Allo-HSCT", "Алло-ТГСК"), "transplant",
                                   P(relapse_year + 1, 2, 1), P(relapse_year + 1, 2, 1))],
                events=[Event(P(relapse_year, 9, 1), "relapse", Text("Late relapse",
                                                                     "Поздний рецидив")),
                        Event(P(relapse_year + 1, 8, 1), "remission", Text("CR", "ПР"))])


@pytest.mark.parametrize("anchor", ANCHORS)
def test_a_long_empty_stretch_is_one_break_and_no_tick_is_inside_it(anchor):
    layout = build_layout(gap_case(), anchor=anchor)
    assert len(layout.breaks) == 1
    br = layout.breaks[0]
    assert br.days == pytest.approx(P(2015, 9, 1).start().toordinal()
                                    - P(2010, 9, 2).start().toordinal(), abs=1)
    assert br.x1 - br.x0 < 0.1 * (layout.x_max - layout.x_min)  # drawn narrow
    for span in (layout.x_max - layout.x_min, 120.0):
        tick_list = ticks(layout, span)
        assert tick_list and not any(br.x0 < t.pos < br.x1 for t in tick_list)
    for m in layout.markers:  # nothing is drawn inside it
        assert not br.x0 < m.x < br.x1
    for r in (layout.x_min, br.start - 10, br.start + 10, br.start + br.days + 5):
        assert real_day(layout.breaks, drawn_x(layout.breaks, r)) == pytest.approx(r)


def test_the_anchor_stays_at_zero_and_relative_dates_stay_true():
    layout = build_layout(gap_case(), anchor="transplant")
    hsct = next(b for b in layout.bars if b.label == "Allo-HSCT")
    assert hsct.x0 == 0  # D0 where it is
    relapse = next(m for m in layout.markers if m.label == "Late relapse")
    assert relapse.when == "D−153"  # days counted in real time, not drawn x
    assert relapse.x == -153
    dx = next(m for m in layout.markers if m.type == "diagnosis")
    assert dx.x > -2163 and dx.when == "D−2163"  # drawn nearer, dated truly
    labels = [t.label for t in ticks(layout, layout.x_max - layout.x_min)]
    assert "0" in labels and any(s.startswith("−6") for s in labels)


@pytest.mark.parametrize("years", [0, 1])
def test_no_break_where_the_gap_is_short(years):
    case = gap_case(2010 + years)
    assert build_layout(case).breaks == ()


def test_the_pdf_figure_and_the_slide_draw_the_break():
    case = gap_case()
    probe = build_layout(case, anchor="transplant")
    width = 480.0
    dpc = figures.days_per_char(probe.x_max - probe.x_min, width)
    layout = build_layout(case, anchor="transplant", days_per_char=dpc)
    drawing = figures.timeline_drawing(layout, width, lane_titles=[[la.label]
                                                                   for la in layout.lanes],
                                       axis_title=layout.axis_title)
    buf = io.BytesIO()
    renderPDF.drawToFile(drawing, buf)
    text = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
    assert "Late relapse" in text and "−30" not in text  # no tick inside the gap
    w, h = SIZES["4:3"]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(w), Emu(h)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    made = timeline_shapes.build(case, area=content_box(w, h), anchor="transplant",
                                 lang="en", anonymize=False)
    timeline_shapes.draw_timeline(slide, made, "en")
    names = [sh.name for sh in slide.shapes]
    assert "axis-break:0" in names and "axis-break-band:0" in names
    band = next(sh for sh in slide.shapes if sh.name == "axis-break-band:0")
    for sh in slide.shapes:  # no tick label inside the break
        if sh.name.startswith("tick-label:"):
            centre = sh.left + sh.width // 2
            assert not band.left < centre < band.left + band.width


@pytest.mark.parametrize(("label", "site", "key", "said"), [
    ("Diagnosis: B-ALL, isolated BM involvement", "bone marrow", "marrow", True),
    ("Диагноз: B-ОЛЛ, изолированное поражение КМ", "костный мозг", "marrow", True),
    ("Second relapse: CNS", "CNS", "cns", True),
    ("Isolated left ocular relapse", "eye", "eye", True),
    ("Isolated nasal relapse", "nasal cavity", "nose", True),
    ("Progression: enlarged mandibular LN", "lymph nodes", "lymph_nodes", True),
    ("First relapse in the bone marrow", "bone marrow", "marrow", True),
    ("Relapse", "bone marrow", "marrow", False),
    ("Submitted to BMT registry", "bone marrow", "marrow", False),  # BMT is not BM
])
def test_an_abbreviation_names_the_site(label, site, key, said):
    assert without_site(label, site, key) is said
