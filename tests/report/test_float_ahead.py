"""A timeline too tall for the room left on page 1 heads page 2, and the tables after it
fill page 1 instead of leaving half of it blank; one that fits stays on page 1."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.report.flow import FloatAhead
from desktop.report.summary import CaseSummaryPdf
from tests.board.cases import lymphoma_case


class _Marked(Spacer):
    """A block of a known height that notes the page it is drawn on."""

    def __init__(self, name: str, height: float, pages: dict[str, int]) -> None:
        super().__init__(10, height)
        self.name, self.pages = name, pages

    def draw(self) -> None:
        self.pages[self.name] = self.canv.getPageNumber()


def _laid_out(first: float, figure: float, lines: int) -> tuple[dict[str, int], int]:
    pages: dict[str, int] = {}
    style = getSampleStyleSheet()["BodyText"]
    following = [Paragraph(f"line {i}", style) for i in range(lines)]
    following.append(_Marked("last", 1, pages))
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    story = [_Marked("first", first, pages),
             FloatAhead([_Marked("figure", figure, pages)], following)]
    doc.build(story)
    return pages, doc.page


def test_a_figure_that_fits_stays_where_it_is():
    pages, _ = _laid_out(first=200, figure=300, lines=20)
    assert pages["first"] == pages["figure"] == 1


def test_a_figure_too_tall_for_the_room_heads_the_next_page_and_text_fills_this_one():
    pages, _ = _laid_out(first=450, figure=400, lines=60)
    assert pages["first"] == 1 and pages["figure"] == 2 and pages["last"] >= 2


def test_nothing_fitting_below_sends_the_figure_on_whole():
    pages, _ = _laid_out(first=600, figure=500, lines=0)
    assert pages["figure"] == 2


def _pages(case, lang: str = "en") -> list[str]:
    data = CaseSummaryPdf(case, lang).generate()
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


def test_a_long_case_fills_page_one_with_its_lines_and_the_timeline_opens_page_two():
    case = casefile.load(seed_files()[0])
    pages = _pages(case)
    assert "Lines of therapy" in pages[0] and "Therapy timeline" not in pages[0]
    assert pages[1].lstrip().startswith("Therapy timeline")
    numbers = [int(n) for n in re.findall(r"Figure (\d+)\.", " ".join(pages))]
    assert numbers == sorted(numbers) and numbers[0] == 1


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_short_case_keeps_its_timeline_on_page_one_before_the_lines(lang):
    first = _pages(lymphoma_case(), lang)[0]
    heads = ("Therapy timeline", "Lines of therapy") if lang == "en" else (
        "Временная шкала терапии", "Линии терапии")
    assert heads[0] in first and first.index(heads[0]) < first.index(heads[1])
    figure = "Figure" if lang == "en" else "Рисунок"
    assert f"{figure} 1." in first
