"""A series of three cases (two seeds and an imported one): the figure, the slide and
the PDF page say the same thing, in English and in Russian."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pptx import Presentation
from pypdf import PdfReader

from desktop import cli
from desktop.core import casefile
from desktop.core.series import build_series
from desktop.core.store import Store
from tests.conftest import make_case

CODES = ["BALL-EM-1", "BALL-EM-2", "THIRD-1"]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    folder = tmp_path_factory.mktemp("series")
    third = folder / "third.case.json"
    third.write_text(casefile.dumps(make_case("THIRD-1")), encoding="utf-8")
    db = folder / "cases.db"
    assert cli.main(["--db", str(db), "import", str(third)]) == 0
    return db


def _expected(db, lang):
    with Store.open(db, readonly=True) as store:
        cases = [store.get(c) for c in CODES]
    return build_series(cases, "transplant", lang=lang)


def _svg_text(path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))


def _slide_shapes(path):
    prs = Presentation(str(path))
    return prs.slides[1].shapes, prs


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_figure_slide_and_pdf_agree(lib, tmp_path, capsys, lang):
    want = _expected(lib, lang)
    assert [lane.code for lane in want.lanes] == CODES
    svg = tmp_path / "s.svg"
    assert cli.main(["--db", str(lib), "--lang", lang, "figure", *CODES, "--kind", "series",
                     "--anchor", "transplant", "--out", str(svg)]) == 0
    deck = tmp_path / "d.pptx"
    assert cli.main(["--db", str(lib), "slides", *CODES, "--lang", lang, "--series",
                     "--anchor", "transplant", "--out", str(deck)]) == 0
    out = tmp_path / "pdf"
    assert cli.main(["--db", str(lib), "pdf", *CODES, "--lang", lang, "--series",
                     "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    figure = _svg_text(svg)
    shapes, prs = _slide_shapes(deck)
    names = {s.name: s for s in shapes}
    slide_text = " ".join(s.text_frame.text for s in shapes if s.has_text_frame)
    pdf = PdfReader(str(out / f"series-transplant-{lang}.pdf"))
    page = " ".join(p.extract_text() for p in pdf.pages)
    # every case's lane is labelled, in all three
    for code in CODES:
        assert code in figure and code in page
        assert names[f"lane-title:{code}"].text_frame.text.startswith(code)
    # the same time axis, D0 and legend words
    for text in (want.axis_title, want.zero_label):
        assert text in figure and text in slide_text and " ".join(text.split()) in \
            " ".join(page.split())
    legend = [it.label for it in want.legend]
    assert legend and all(f"legend:{it.kind}:{it.key}" in names for it in want.legend)
    for label in legend:
        assert label in figure and label in slide_text
    # native shapes: a bar for each dated therapy, a symbol for each event
    assert sum(n.startswith("marker:") for n in names) == len(want.markers)
    assert sum(n.startswith(("bar:", "bar-range:")) for n in names) >= len(want.bars)
    # in the asked language only
    other = "Days from" if lang == "ru" else "Дни от"
    assert other not in figure and other not in slide_text and other not in page
    assert prs.slides[0].shapes.title.text == want.title


def test_a_case_without_the_anchor_is_named_on_all_three(lib, tmp_path, capsys):
    args = ["--db", str(lib)]
    svg, deck, out = tmp_path / "s.svg", tmp_path / "d.pptx", tmp_path / "pdf"
    assert cli.main([*args, "figure", *CODES, "--kind", "series", "--anchor", "event:imaging",
                     "--out", str(svg)]) == 0
    assert cli.main([*args, "slides", *CODES, "--series", "--anchor", "event:imaging",
                     "--out", str(deck)]) == 0
    assert cli.main([*args, "pdf", *CODES, "--series", "--anchor", "event:imaging",
                     "--lang", "en", "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    shapes, _ = _slide_shapes(deck)
    unaligned = next(s for s in shapes if s.name == "unaligned").text_frame.text
    page = PdfReader(str(out / "series-event-imaging-en.pdf")).pages[0].extract_text()
    for text in (_svg_text(svg), unaligned, page):
        assert "Not aligned" in text and "BALL-EM-1" in text


def test_bad_series_options_are_one_line_errors(lib, tmp_path, capsys):
    base = ["--db", str(lib), "figure", *CODES, "--out", str(tmp_path / "x.png")]
    assert cli.main([*base, "--kind", "series", "--anchor", "nonsense:1"]) == 1
    assert "therapy:NAME" in capsys.readouterr().err
    assert cli.main([*base, "--kind", "series", "--track", "nope"]) == 1
    assert "unknown measurement track" in capsys.readouterr().err
    assert cli.main([*base]) == 1
    assert "one code" in capsys.readouterr().err
