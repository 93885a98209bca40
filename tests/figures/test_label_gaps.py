"""A label drawn before its bar, or before the diamond of a once-given therapy, ends a
clear gap short of it in the PDF figure (it used to touch the diamond)."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Group, Polygon, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core import casefile
from desktop.core.paths import seed_files
from desktop.core.timeline import build_layout
from desktop.report import figures


def _shapes(node):
    for item in getattr(node, "contents", []):
        if isinstance(item, Group):
            yield from _shapes(item)
        else:
            yield item


def _drawn_bar(bar, layout, width: float):
    """The shapes ``figures`` draws for one bar, in a frame like the figure's."""
    f = figures._Frame(layout.x_min, layout.x_max, figures.GUTTER,
                       width - figures.RIGHT_PAD, 200.0, 10.0)
    g = Group()
    figures._bar(g, f, bar)
    return list(_shapes(g))


def _before_bars(width: float):
    for path in seed_files():
        case = casefile.load(path)
        probe = build_layout(case, lang="en")
        dpc = figures.days_per_char(probe.x_max - probe.x_min, width)
        layout = build_layout(case, lang="en", days_per_char=dpc,
                              max_label_rows=figures.EVENT_LABEL_ROWS)
        for bar in layout.bars:
            if bar.label_pos == "before" and bar.label:
                yield bar, layout


@pytest.mark.parametrize("width", [480.0, 520.0])
def test_a_label_before_its_bar_or_diamond_keeps_clear_of_it(width):
    seen = 0
    for bar, layout in _before_bars(width):
        shapes = _drawn_bar(bar, layout, width)
        words = [s for s in shapes if isinstance(s, String)]
        marks = [s for s in shapes if isinstance(s, Polygon | Rect)]
        text_end = max(s.x + stringWidth(s.text, s.fontName, s.fontSize) for s in words)
        mark_start = min(min(s.points[0::2]) if isinstance(s, Polygon) else s.x
                         for s in marks)
        assert mark_start - text_end >= 2.5, (bar.label, mark_start - text_end)
        seen += 1
    assert seen >= 2  # the seed cases have labels before a diamond and before a bar
