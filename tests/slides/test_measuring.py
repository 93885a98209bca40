"""Text measuring for slides: lines found by halving give what adding pieces one by one
gives, and the text-box and cell copies are the XML python-pptx writes itself."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from desktop.slides import draw


def wrap_one_by_one(s: str, width_pt: float, size: float, bold: bool) -> list[str]:
    """The plain rule: a line takes pieces while the line fits (the first always)."""
    lines: list[str] = []
    for para in s.split("\n"):
        line = ""
        for piece in draw._BREAK.split(para):
            trial = line + piece
            if not line or draw.text_width(trial.rstrip(), size, bold) <= width_pt:
                line = trial
                continue
            lines.append(line.rstrip())
            line = piece
        while draw.text_width(line.rstrip(), size, bold) > width_pt and len(line) > 1:
            cut = max(k for k in range(1, len(line) + 1)
                      if k == 1 or draw.text_width(line[:k], size, bold) <= width_pt)
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line.rstrip())
    return lines


TEXTS = [
    "", " ", "a-", "x\n\ny/z", "Ph+ B-ALL with an extramedullary relapse in the breast after "
    "allo-HSCT; CD19/CD22, blinatumomab, then inotuzumab ozogamicin and DLI, ",
    "Рецидив в молочной железе через 2 года после алло-ТГСК: блинатумомаб, затем "
    "инотузумаб озогамицин; ПЭТ/КТ — полный метаболический ответ.",
    "supercalifragilisticexpialidocious and a long/slashed-word, list; of, things " * 3,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [4, 40, 120, 300, 700])
@pytest.mark.parametrize("bold", [False, True])
def test_lines_found_by_halving_are_those_of_one_piece_at_a_time(text, width, bold):
    for size in (12, 18, 24):
        assert draw.wrap(text, width, size, bold) == wrap_one_by_one(text, width, size, bold)


def _xml(el) -> bytes:
    return etree.tostring(el)


def test_a_text_box_is_the_one_python_pptx_makes():
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    box = draw.Box(0, 0, 914400, 457200)
    ours = draw.add_text(slide.shapes, box, ["One", "Two"], 18, bold=True, lang="ru",
                         align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE, wrap_text=False,
                         inset=2, space_after=0.5)
    theirs = slide.shapes.add_textbox(0, 0, 914400, 457200)
    tf = theirs.text_frame
    tf.word_wrap = False
    tf.auto_size = draw.MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, draw.Pt(2))
    for i, text in enumerate(["One", "Two"]):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        if i == 0:
            p.space_after = draw.Pt(9)
        run = p.add_run()
        run.text = text
        draw.style_run(run, 18, bold=True, lang="ru")
    assert _xml(ours._element.txBody) == _xml(theirs._element.txBody)


def test_a_filled_shape_is_the_one_python_pptx_makes():
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    ours, theirs = (slide.shapes.add_shape(1, 0, 0, 100, 100) for _ in range(2))
    draw.fill(ours, "#112233", line="#445566", line_pt=1.25)
    theirs._element.remove(theirs._element.find(draw.qn("p:style")))
    draw._fill(theirs, "#112233", "#445566", 1.25)
    assert _xml(ours._element.spPr) == _xml(theirs._element.spPr)
