"""The events lane of the timeline slide: no marker, callout number or label drawn over
another — BALL-EM-2's transplant crowd at 4:3 included — in type of at least 12 pt."""

from __future__ import annotations

import itertools

import pytest
from pptx import Presentation
from pptx.util import Emu

from desktop.core import deid
from desktop.slides import timeline_shapes
from desktop.slides.deck import SIZES
from desktop.slides.draw import content_box
from tests.figures.test_every_label import cases

EVENT_SHAPES = ("marker:", "marker-callout:", "marker-label:")


def boxes(case, size: str, lang: str, anchor: str):
    width, height = SIZES[size]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    made = timeline_shapes.build(case, area=content_box(width, height), anchor=anchor,
                                 lang=lang, anonymize=True)
    timeline_shapes.draw_timeline(slide, made, lang)
    sizes = [run.font.size.pt for sh in slide.shapes if sh.has_text_frame
             for para in sh.text_frame.paragraphs for run in para.runs]
    shown = [(sh.name, sh.left, sh.top, sh.left + sh.width, sh.top + sh.height)
             for sh in slide.shapes if sh.name.startswith(EVENT_SHAPES)]
    return shown, sizes


@pytest.mark.parametrize("size", ["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_nothing_in_the_events_lane_overlaps(size, lang):
    for case in cases()[:2]:
        shown, sizes = boxes(deid.deidentify(case), size, lang, "transplant")
        assert shown and min(sizes) >= 12
        slack = 6350 * 2  # half a point each way: shapes may touch
        for a, b in itertools.combinations(shown, 2):
            apart = (a[3] - slack <= b[1] or b[3] - slack <= a[1]
                     or a[4] - slack <= b[2] or b[4] - slack <= a[2])
            assert apart, (case.code, a[0], b[0])


def test_a_layout_with_label_rows_to_spare_is_the_one_more_rows_build():
    """The slide reuses such a layout for the larger row limits instead of building it
    again: the limit never decided anything, so it must equal what they build."""
    from desktop.core.timeline import build_layout

    seen = set()
    for case in cases():
        case = deid.deidentify(case)
        for dpc in (1.0, 10.0, 60.0, 400.0):
            for rows in timeline_shapes.LABEL_ROWS[:-1]:
                layout = build_layout(case, anchor="transplant", lang="en", anonymize=True,
                                      days_per_char=dpc, max_label_rows=rows)
                spare = timeline_shapes._rows_to_spare(layout, rows)
                seen.add(spare)
                if spare:
                    assert layout == build_layout(case, anchor="transplant", lang="en",
                                                  anonymize=True, days_per_char=dpc,
                                                  max_label_rows=6)
    assert seen == {True, False}  # both kinds were met
