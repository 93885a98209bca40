"""Decks and de-identified PDFs beside bare python-pptx and ReportLab programs doing the
same work, measured in the same run (issue 17: a deck within 2.5× a bare deck).

    .venv/bin/python bench/baseline_deck.py [RUNS]

For a seed case and a long synthetic case, 16:9, English, de-identified (the default):

- whole process: ``python -m desktop slides CODE --db LIB --out X.pptx`` against a fresh
  Python that imports python-pptx, makes a ``Presentation()`` of as many slides (title and
  body text: the deck's own text) and saves it;
- in process: ``build_deck`` in a warm process against the same bare deck in a warm process;
- the de-identified PDF: ``python -m desktop pdf CODE --anonymize --lang en`` (reading the
  library and de-identifying inside the timer) against a fresh Python that registers the
  same TrueType font and sets the PDF's own text on as many pages with ReportLab.

Runs alternate ours and bare (noise on a shared machine hits both); each figure is the best.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_baselines import ENV, ROOT, row
from bench.synthetic import synthetic_case
from desktop.core import casefile
from desktop.core.paths import RESOURCES, seed_files

BARE_DECK = """
import json, sys
from pptx import Presentation
from pptx.util import Emu
slides = json.load(open(sys.argv[1], encoding="utf-8"))
prs = Presentation()
prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
layout = prs.slide_layouts[1]
for title, body in slides:
    s = prs.slides.add_slide(layout)
    s.shapes.title.text = title
    s.placeholders[1].text = body
prs.save(sys.argv[2])
"""

BARE_PDF = """
import json, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from xml.sax.saxutils import escape
pages = json.load(open(sys.argv[1], encoding="utf-8"))
pdfmetrics.registerFont(TTFont("PTSans", sys.argv[3]))
style = ParagraphStyle("body", fontName="PTSans", fontSize=9.6, leading=12)
story = []
for page in pages:
    story += [Paragraph(escape(line), style) for line in page.splitlines() if line.strip()]
    story.append(PageBreak())
SimpleDocTemplate(sys.argv[2], pagesize=A4).build(story[:-1])
"""


def _run(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def interleaved(runs: int, ours, bare) -> tuple[float, float]:
    """Best of ``runs`` each, ours and bare alternating."""
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(bare())
    return min(a), min(b)


def deck_text(data: bytes) -> list[tuple[str, str]]:
    """Each slide's title and the rest of its text: what the bare deck writes."""
    from pptx import Presentation

    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        rest = []
        for sh in slide.shapes:
            if sh == slide.shapes.title:
                continue
            if sh.has_text_frame:
                rest.append(sh.text_frame.text)
            elif getattr(sh, "has_table", False) and sh.has_table:
                rest += [c.text for r in sh.table.rows for c in r.cells]
        out.append((title, "\n".join(t for t in rest if t)))
    return out


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def library(folder: Path) -> tuple[Path, list[str]]:
    """A library of the seed cases and one long synthetic case; the codes to benchmark."""
    from desktop.core.store import Store

    syn = casefile.dump(synthetic_case(0, random.Random(7)), folder / "syn.case.json")
    db = folder / "lib.db"
    with Store.open(db) as s:  # the seed cases
        s.import_files([syn])
    seed = casefile.load(seed_files()[0]).code
    return db, [seed, "SYN-00000"]


def whole_deck(folder: Path, db: Path, code: str, runs: int) -> bytes:
    py = sys.executable
    out = folder / f"{code}.pptx"
    ours = lambda: _run(py, "-m", "desktop", "--db", str(db), "slides", code,  # noqa: E731
                        "--out", str(out))
    ours()
    data = out.read_bytes()
    spec = folder / f"{code}-slides.json"
    spec.write_text(json.dumps(deck_text(data), ensure_ascii=False), encoding="utf-8")
    bare = lambda: _run(py, "-c", BARE_DECK, str(spec), str(folder / "bare.pptx"))  # noqa: E731
    a, b = interleaved(runs, ours, bare)
    n = len(json.loads(spec.read_text(encoding="utf-8")))
    row(f"deck {code} ({n} slides), whole process", a, b, target=2.5)
    return data


def in_process_deck(folder: Path, db: Path, code: str, runs: int) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    from desktop.core.store import Store
    from desktop.slides.deck import build_deck

    with Store.open(db, readonly=True) as s:
        case = s.get(code)
    slides = json.loads((folder / f"{code}-slides.json").read_text(encoding="utf-8"))

    def bare() -> None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
        for title, body in slides:
            s = prs.slides.add_slide(prs.slide_layouts[1])
            s.shapes.title.text = title
            s.placeholders[1].text = body
        prs.save(io.BytesIO())

    build_deck(case)
    bare()
    a, b = interleaved(runs, lambda: _timed(lambda: build_deck(case)), lambda: _timed(bare))
    row(f"deck {code}, in process (warm)", a, b, "ms", target=2.5)


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def whole_pdf(folder: Path, db: Path, code: str, runs: int) -> None:
    py = sys.executable
    out_dir = folder / "pdf"
    ours = lambda: _run(py, "-m", "desktop", "--db", str(db), "pdf", code,  # noqa: E731
                        "--anonymize", "--lang", "en", "--out", str(out_dir))
    ours()
    pages = pdf_pages(out_dir / f"{code}-deid-en.pdf")
    spec = folder / f"{code}-pages.json"
    spec.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    font = str(RESOURCES / "fonts" / "PTSans-Regular.ttf")
    bare = lambda: _run(py, "-c", BARE_PDF, str(spec), str(folder / "bare.pdf"),  # noqa: E731
                        font)
    a, b = interleaved(runs, ours, bare)
    row(f"de-identified PDF {code} ({len(pages)} pages), whole", a, b)


def run(folder: Path, runs: int = 5) -> None:
    db, codes = library(folder)
    for code in codes:
        whole_deck(folder, db, code, runs)
        in_process_deck(folder, db, code, runs)
        whole_pdf(folder, db, code, runs)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 5)
