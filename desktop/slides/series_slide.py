"""The slides a series adds to a deck: a title slide naming the series and what D0 is,
then the series itself in native shapes (``series_shapes``), the series table in the
speaker notes."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu

from desktop.core.model import Case, Text
from desktop.core.series.words import word
from desktop.slides import draw, series_shapes
from desktop.slides.draw import Box

LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5


def _place(ph, box: Box, text: str, size: float, lang: str, anchor) -> None:
    ph.left, ph.top, ph.width, ph.height = (Emu(v) for v in (box.left, box.top, box.width,
                                                             box.height))
    tf = ph.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    draw.set_paragraphs(tf, [text], size, bold=size >= draw.TITLE_MIN_PT,
                        colour=draw.TITLE_INK, lang=lang)


def add_series(prs, cases: Sequence[Case], anchor: str, *, lang: str, anonymize: bool,
               rank: str = "code", title: Text | None = None) -> None:
    """A series title slide and the series slide, at the end of ``prs``."""
    w, h = int(prs.slide_width), int(prs.slide_height)
    content = draw.content_box(w, h)
    layout = series_shapes.layout_for(cases, anchor, content, lang=lang, anonymize=anonymize,
                                      rank=rank, title=title)
    first = draw.add_slide(prs, LAYOUT_TITLE)
    inner = w - 2 * draw.MARGIN
    _place(first.shapes.title, Box(draw.MARGIN, int(1.2 * draw.EMU_PER_IN), inner,
                                   int(2.4 * draw.EMU_PER_IN)), layout.title, draw.HERO_PT,
           lang, MSO_ANCHOR.BOTTOM)
    sub = f"{word('cases_n', lang, n=len(cases))} · {layout.axis_title}"
    _place(first.placeholders[1], Box(draw.MARGIN, int(3.9 * draw.EMU_PER_IN), inner,
                                      int(1.4 * draw.EMU_PER_IN)), sub, draw.BODY_PT, lang,
           MSO_ANCHOR.TOP)
    slide = draw.add_slide(prs, LAYOUT_TITLE_ONLY)
    _place(slide.shapes.title, Box(draw.MARGIN, draw.TITLE_TOP, inner, draw.TITLE_HEIGHT),
           f"{layout.title}: {layout.anchor_label}", draw.TITLE_MIN_PT, lang,
           MSO_ANCHOR.MIDDLE)
    series_shapes.draw_series(slide, layout, content, lang)
    table = [" | ".join(layout.headers)] + [" | ".join(r.cells()) for r in layout.rows]
    slide.notes_slide.notes_text_frame.text = "\n".join(table)
