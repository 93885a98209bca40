"""A case series as a PDF page (``case-presenter pdf CODE... --series``): the series
figure drawn from ``core.series.build_series`` in ReportLab shapes, the series table and
the cases without the anchor, on a landscape page per language.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.core.model import Case, Text
from desktop.core.series import SeriesLayout, build_series
from desktop.report import figures
from desktop.report.figures import FACE, FACE_BOLD, INK, MUTED, fit, symbol, text, tint
from desktop.report.fonts import SANS, Glyphs, register
from desktop.report.summary import PAPERS, ReportError

LABEL = 7.0
GUTTER = 70.0
ROW = 9.0
CHAR_EM = 0.55


def series_drawing(layout: SeriesLayout, width: float, max_height: float) -> Drawing:
    """The series figure ``width`` points wide (lanes, bars, markers, D0, axis, legend)."""
    legend_rows = _legend_rows(layout, width)
    extra = 1 if layout.unaligned else 0
    below = 26 + (legend_rows + extra) * (LABEL + 3)
    row = min(ROW, (max_height - below - 12) / max(layout.height, 1.0))
    height = 12 + layout.height * row + below
    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = FACE, LABEL
    left, right, top = GUTTER, width - 4, height - 12
    span = (layout.x_max - layout.x_min) or 1.0

    def x(v: float) -> float:
        return left + (v - layout.x_min) / span * (right - left)

    def y(r: float) -> float:
        return top - r * row

    bottom = y(layout.height)
    for i, lane in enumerate(layout.lanes):
        if i % 2 == 0:
            d.add(Rect(0, y(lane.y + lane.height), width, lane.height * row,
                       fillColor=HexColor("#F3F4F6"), strokeColor=None, strokeWidth=0))
        text(d, 2, (y(lane.y) + y(lane.y + lane.height)) / 2, lane.code, size=LABEL + 0.6,
             face=FACE_BOLD)
        if lane.note:
            s, size = fit(lane.note, GUTTER - 4, LABEL - 1)
            text(d, 2, (y(lane.y) + y(lane.y + lane.height)) / 2 - LABEL, s, size=size,
                 colour=MUTED)
    for t in layout.ticks:
        d.add(Line(x(t.pos), bottom, x(t.pos), top, strokeColor=HexColor("#E4E4E4"),
                   strokeWidth=0.4))
    for b in layout.bars:
        yc, h = y(b.y), row * 0.72
        x0, x1 = x(b.x0), max(x(b.x1), x(b.x0) + 1.2)
        d.add(Rect(x0, yc - h / 2, x1 - x0, h, fillColor=tint(b.colour, 0.62),
                   strokeColor=HexColor(b.colour), strokeWidth=0.4))
        if b.solid is not None:
            s0, s1 = x(b.solid[0]), x(b.solid[1])
            d.add(Rect(s0, yc - h / 2, max(s1 - s0, 1.2), h, fillColor=HexColor(b.colour),
                       strokeColor=None, strokeWidth=0))
        if b.ongoing:
            d.add(Polygon([x1, yc - h / 2 - 1, x1 + 4, yc, x1, yc + h / 2 + 1],
                          fillColor=HexColor(b.colour), strokeColor=None, strokeWidth=0))
        if b.label_pos != "none" and b.label:
            lx = x(b.label_x)
            room = {"inside": x1 - lx, "before": x0 - lx}.get(b.label_pos, right - lx)
            s, size = fit(b.label, room, LABEL - 0.6)
            pale = b.label_pos == "inside" and b.solid is not None and x(b.solid[0]) > lx + 2
            text(d, lx, yc - size * 0.34, s, size=size,
                 colour=INK if pale else HexColor(b.label_colour))
    for m in layout.markers:
        a, c = x(m.x_range[0]), x(m.x_range[1])
        if c - a > 2.5:
            d.add(Line(a, y(m.y), c, y(m.y), strokeColor=tint(m.colour, 0.25),
                       strokeWidth=0.6))
    for m in layout.markers:
        symbol(d, m.symbol, x(m.x), y(m.y), 2.6, HexColor(m.colour))
    d.add(Line(x(0), bottom, x(0), top + 4, strokeColor=INK, strokeWidth=0.9,
               strokeDashArray=[2, 1.5]))
    text(d, x(0), top + 3, layout.zero_label, size=LABEL, face=FACE_BOLD, anchor="middle")
    d.add(Line(left, bottom, right, bottom, strokeColor=INK, strokeWidth=0.6))
    last = -1e9
    for t in layout.ticks:
        w = figures.string_width(t.label, FACE, LABEL)
        if x(t.pos) - w / 2 > last + 3:
            text(d, x(t.pos), bottom - 3 - LABEL, t.label, size=LABEL, anchor="middle")
            last = x(t.pos) + w / 2
    text(d, (left + right) / 2, bottom - 6 - 2 * LABEL, layout.axis_title, size=LABEL,
         anchor="middle", colour=MUTED)
    _legend(d, layout, width, bottom - 12 - 3 * LABEL)
    return d


def _legend_rows(layout: SeriesLayout, width: float) -> int:
    rows, xx = 1, 0.0
    for it in layout.legend:
        w = figures.string_width(it.label, FACE, LABEL) + 16
        if xx and xx + w > width:
            rows, xx = rows + 1, 0.0
        xx += w
    return rows


def _legend(d: Drawing, layout: SeriesLayout, width: float, yy: float) -> None:
    xx = 0.0
    for it in layout.legend:
        w = figures.string_width(it.label, FACE, LABEL) + 16
        if xx and xx + w > width:
            yy, xx = yy - LABEL - 3, 0.0
        if it.kind == "therapy":
            d.add(Rect(xx + 1, yy - 0.5, 7, 5, fillColor=HexColor(it.colour),
                       strokeColor=None, strokeWidth=0))
        else:
            symbol(d, it.symbol, xx + 4.5, yy + 2, 2.6, HexColor(it.colour))
        text(d, xx + 11, yy, it.label, size=LABEL)
        xx += w
    if layout.unaligned:
        line = f"{layout.unaligned_title}: " + ", ".join(u.code for u in layout.unaligned)
        text(d, 0, yy - LABEL - 4, line, size=LABEL, face=FACE_BOLD)


class SeriesPdf:
    """``SeriesPdf(cases, "transplant", lang="both").generate() -> bytes``: a landscape
    page per language; de-identified by default, relative time only."""

    margin = 14 * mm

    def __init__(self, cases: Sequence[Case], anchor: str, lang: str = "both",
                 paper: str = "a4", *, anonymize: bool = True, rank: str = "code",
                 title: Text | None = None) -> None:
        if paper not in PAPERS:
            raise ReportError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
        self.cases, self.anchor, self.rank, self.title = list(cases), anchor, rank, title
        self.langs = ("en", "ru") if lang == "both" else (lang,)
        self.pagesize = landscape(PAPERS[paper])
        self.anonymize = anonymize
        self.glyphs = Glyphs("series")

    def generate(self) -> bytes:
        register()
        buf = BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=self.pagesize, leftMargin=self.margin,
                                rightMargin=self.margin, topMargin=self.margin,
                                bottomMargin=self.margin, title="Case series",
                                author="Case Presenter", creator="Case Presenter",
                                initialFontName=SANS)
        story: list = []
        for i, lang in enumerate(self.langs):
            if i:
                story.append(PageBreak())
            story += self._page(lang, doc.width, doc.height)
        doc.build(story)
        return buf.getvalue()

    def _page(self, lang: str, width: float, height: float) -> list:
        probe = build_series(self.cases, self.anchor, lang=lang, anonymize=self.anonymize,
                             rank=self.rank, title=self.title)
        dpc = (probe.x_max - probe.x_min) * CHAR_EM * (LABEL - 0.6) / (width - GUTTER)
        layout = build_series(self.cases, self.anchor, lang=lang, anonymize=self.anonymize,
                              rank=self.rank, title=self.title, days_per_char=dpc,
                              row_budget=24)
        g = self.glyphs
        for s in [layout.title, layout.axis_title, *(b.label for b in layout.bars),
                  *(c for r in layout.rows for c in r.cells()), *layout.headers]:
            g.check(s, f"series.{lang}")
        h1 = ParagraphStyle("h1", fontName=SANS + "-Bold", fontSize=13, leading=16)
        cell = ParagraphStyle("cell", fontName=SANS, fontSize=6.8, leading=8.2)
        head = ParagraphStyle("head", parent=cell, fontName=SANS + "-Bold")
        rows = [[Paragraph(_esc(h), head) for h in layout.headers]]
        rows += [[Paragraph(_esc(c), cell) for c in r.cells()] for r in layout.rows]
        widths = [w * width for w in (0.09, 0.37, 0.1, 0.08, 0.08, 0.14, 0.14)]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                                   ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
                                   ("LINEBELOW", (0, -1), (-1, -1), 0.6, INK),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        drawing = series_drawing(layout, width, height * 0.62)
        return [Paragraph(_esc(f"{layout.title}: {layout.anchor_label}"), h1), Spacer(1, 4),
                drawing, Spacer(1, 6), table]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
