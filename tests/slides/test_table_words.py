"""No word of a table breaks across lines: a column is at least as wide as its longest
word set as drawn (bold in a header), also in Russian on a 4:3 slide."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.slides import draw
from desktop.slides.deck import TABLE_MARGIN_PT, build_deck


@pytest.mark.parametrize(("lang", "size"), [("ru", "4:3"), ("en", "4:3"), ("ru", "16:9")])
def test_lines_of_therapy_header_words_fit_their_columns(lang, size):
    case = casefile.load(seed_files()[1])
    prs = Presentation(io.BytesIO(build_deck(case, lang=lang, size=size, anonymize=True)))
    tables = [sh.table for slide in prs.slides for sh in slide.shapes
              if sh.name == "table:lines"]
    assert tables
    for table in tables:
        for column, cell in zip(table.columns, table.rows[0].cells, strict=True):
            run = cell.text_frame.paragraphs[0].runs[0]
            room = draw.pt(column.width) - 2 * TABLE_MARGIN_PT
            for word in draw.words(cell.text):
                assert draw.text_width(word, run.font.size.pt, bold=True) <= room, word
