"""A case as a print-ready PDF summary in English, Russian or both (ReportLab).

Built as pretix builds its invoices: a small class with hooks for the fonts, the
stylesheet, the document template and the story, ``generate() -> bytes``, and a numbered
canvas that writes "page N of M" once the page count is known.

The summary draws what the core computed and decides nothing clinical: the timeline from
``timeline.build_layout``, responses and their reasoning from ``pet.compare_studies``,
every de-identification through ``deid.DeidView``. Every text is glyph-checked while the
story is built, so a character no bundled font has stops the summary before a byte is
written, with the case and field named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LayoutError,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core import palette, vocab
from desktop.core.dates import PartialDate
from desktop.core.deid import DeidView
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, PetStudy, Text
from desktop.core.pet import VISUAL, PetError, ResponseResult, StudyComparison, compare_studies
from desktop.core.timeline import AnchorError, TimelineLayout, build_layout, fmt_number, ticks
from desktop.core.vocab import label, text_or_missing
from desktop.report import figures, labels, pet_images
from desktop.report.flow import KeepStart
from desktop.report.fonts import SANS, SERIF, Glyphs, register, split_runs, string_width

PAPERS = {"a4": A4, "letter": LETTER}
#: Room a timeline figure leaves on its page for the heading and the caption.
TIMELINE_ROOM = 110.0
PET_COLUMNS = 4  # studies per PET table; more studies continue in a second table
LANG_CHOICES = ("en", "ru", "both")
AUTHOR = "Case Presenter"

INK = colors.HexColor(palette.INK)
MUTED_HEX = "#666666"
MUTED = colors.HexColor(MUTED_HEX)
ACCENT_HEX = palette.readable_on_white(palette.OKABE_ITO["blue"])
ACCENT = colors.HexColor(ACCENT_HEX)
ACCENT_SOFT_HEX = "#5E8DB8"  # the second language of a heading: the accent, lighter
MARK_HEX = palette.readable_on_white(palette.OKABE_ITO["vermillion"])
RULE = colors.HexColor("#BBBBBB")
HAIR = colors.HexColor("#DDDDDD")
#: Tables set a cell font even for flowable cells: ours, or Helvetica would be listed.
CELL_FONT = [("FONTNAME", (0, 0), (-1, -1), SANS)]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class ReportError(CasePresenterError, ValueError):
    """A summary that cannot be made as asked (a wrong option); the message says why."""


# --- the canvas ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Furniture:
    """What every page carries, glyph-checked before the build: running header and footer."""

    code: str
    header: str
    mark: str  # "De-identified / Обезличено", or ""
    footer: str
    page: Callable[[int, int], str]


class NumberedCanvas(Canvas):
    """Keeps each page until the count is known, then writes header, footer and
    "page N of M" on every page (pretix's numbered canvas)."""

    def __init__(self, *args, furniture: Furniture, margins: tuple[float, float], **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture, self._margins = furniture, margins
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self._pageNumber, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw(self, x: float, y: float, s: str, face: str, size: float, colour,
              align: str = "left") -> None:
        width = string_width(s, face, size)
        x0 = x - width if align == "right" else x
        self.setFillColor(colour)
        for f, chunk in split_runs(s, face):
            self.setFont(f, size)
            self.drawString(x0, y, chunk)
            x0 += string_width(chunk, f, size)

    def _decorate(self, number: int, total: int) -> None:
        fur = self._furniture
        w, h = self._pagesize
        left, right = self._margins
        self.saveState()
        y = h - 13 * mm
        self._draw(left, y, fur.code, SANS + "-Bold", 7.5, INK)
        self._draw(left + string_width(fur.code + "  ", SANS + "-Bold", 7.5), y, fur.header,
                   SANS, 7.5, MUTED)
        if fur.mark:
            self._draw(w - right, y, fur.mark, SANS + "-Bold", 7.5,
                       colors.HexColor(MARK_HEX), "right")
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(left, y - 3, w - right, y - 3)
        y = 11 * mm
        self.line(left, y + 9, w - right, y + 9)
        self._draw(left, y, fur.footer, SANS, 7, MUTED)
        self._draw(w - right, y, fur.page(number, total), SANS, 7, MUTED, "right")
        self.restoreState()


# --- the summary --------------------------------------------------------------------------
class CaseSummaryPdf:
    """One case as a PDF: ``CaseSummaryPdf(case, lang="both", anonymize=False,
    paper="a4").generate() -> bytes``. ``lang`` is en, ru or both; ``paper`` a4 or letter;
    ``anonymize`` prints the de-identified case (``deid.DeidView``) with relative dates."""

    left_margin = 20 * mm
    right_margin = 20 * mm
    top_margin = 20 * mm
    bottom_margin = 19 * mm
    body_size = 9.6

    def __init__(self, case: Case, lang: str = "both", anonymize: bool = False,
                 paper: str = "a4", *, today: date | None = None) -> None:
        if lang not in LANG_CHOICES:
            raise ReportError(f"lang must be one of {', '.join(LANG_CHOICES)}, got {lang!r}")
        if paper not in PAPERS:
            raise ReportError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
        self.lang, self.anonymize, self.paper = lang, anonymize, paper
        self.pagesize = PAPERS[paper]
        self.langs: tuple[str, ...] = ("en", "ru") if lang == "both" else (lang,)
        self.today = today or date.today()
        self.glyphs = Glyphs(case.code)
        self.view: DeidView | None = None
        if anonymize:
            first = DeidView(case)
            self.case = first.case()
            # the copy's dates are moved: its own view labels them (same labels)
            self.view = DeidView(self.case, anchor=first.anchor_kind)
        else:
            self.case = case
        self.figure_no = 0
        self.split_in_row = False

    # --- hooks (pretix style) ---------------------------------------------------------------
    def generate(self) -> bytes:
        """The PDF. Every text is checked before anything is written."""
        register()
        self.styles = self._stylesheet()
        furniture = self._furniture()
        try:
            return self._build(furniture, split_in_row=False)
        except LayoutError:
            # a table row taller than a page (a very long note): build again letting rows
            # split across pages, which ReportLab otherwise does poorly (it repeats the
            # header mid-page), so only when needed
            try:
                return self._build(furniture, split_in_row=True)
            except LayoutError as e:
                raise ReportError(f"case {self.case.code}: an item is taller than a page and "
                                  f"cannot be split ({str(e)[:80]}…)") from None

    def _build(self, furniture: Furniture, *, split_in_row: bool) -> bytes:
        self.figure_no = 0
        self.split_in_row = split_in_row
        story = self._story()
        buf = BytesIO()
        doc = self._doc_template(buf)
        doc.build(story, canvasmaker=self._canvas_maker(furniture))
        return buf.getvalue()

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.left_margin - self.right_margin

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.top_margin - self.bottom_margin

    def _doc_template(self, buf: BytesIO) -> BaseDocTemplate:
        doc = BaseDocTemplate(
            buf, pagesize=self.pagesize, leftMargin=self.left_margin,
            rightMargin=self.right_margin, topMargin=self.top_margin,
            bottomMargin=self.bottom_margin, title=self._meta_title(),
            subject=self._meta_subject(), author=AUTHOR, creator=AUTHOR,
            keywords=list(self.case.tags), lang=self.langs[0], displayDocTitle=1,
            initialFontName=SERIF)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=self.pagesize)])
        return doc

    def _canvas_maker(self, furniture: Furniture):
        margins = (self.left_margin, self.right_margin)

        def make(*args, **kwargs) -> NumberedCanvas:
            return NumberedCanvas(*args, furniture=furniture, margins=margins, **kwargs)

        return make

    def _stylesheet(self) -> StyleSheet1:
        ss = StyleSheet1()
        size = self.body_size
        # ragged right: without hyphenation a long token (a karyotype, an immunophenotype)
        # would stretch a justified line before it into gaps
        ss.add(ParagraphStyle("body", fontName=SERIF, fontSize=size, leading=size * 1.32,
                              textColor=INK, alignment=TA_LEFT, spaceAfter=4))
        ss.add(ParagraphStyle("title", fontName=SERIF + "-Bold", fontSize=16.5, leading=20,
                              textColor=colors.black, spaceAfter=2))
        ss.add(ParagraphStyle("title2", fontName=SERIF, fontSize=14, leading=17.5,
                              textColor=colors.HexColor("#444444"), spaceAfter=2))
        ss.add(ParagraphStyle("h2", fontName=SANS + "-Bold", fontSize=10.5, leading=13,
                              textColor=ACCENT, spaceBefore=11, spaceAfter=4))
        ss.add(ParagraphStyle("h3", fontName=SANS + "-Bold", fontSize=9, leading=11.5,
                              textColor=INK, spaceBefore=6, spaceAfter=2))
        ss.add(ParagraphStyle("cell", fontName=SANS, fontSize=8.2, leading=10.2,
                              textColor=INK, alignment=TA_LEFT))
        ss.add(ParagraphStyle("cell_r", parent=ss["cell"], alignment=TA_RIGHT))
        ss.add(ParagraphStyle("th", fontName=SANS + "-Bold", fontSize=7.8, leading=9.6,
                              textColor=INK))
        ss.add(ParagraphStyle("fact_label", fontName=SANS, fontSize=8.2, leading=10.4,
                              textColor=MUTED))
        ss.add(ParagraphStyle("fact", fontName=SERIF, fontSize=size - 0.2,
                              leading=(size - 0.2) * 1.28, textColor=INK))
        ss.add(ParagraphStyle("small", fontName=SANS, fontSize=7.8, leading=9.8,
                              textColor=MUTED))
        ss.add(ParagraphStyle("caption", fontName=SANS, fontSize=7.8, leading=9.8,
                              textColor=INK, spaceBefore=3, spaceAfter=6))
        ss.add(ParagraphStyle("explain", fontName=SERIF, fontSize=size - 0.6,
                              leading=(size - 0.6) * 1.3, textColor=INK, spaceAfter=3))
        ss.add(ParagraphStyle("ref", fontName=SERIF, fontSize=size - 0.8,
                              leading=(size - 0.8) * 1.3, textColor=INK, leftIndent=14,
                              firstLineIndent=-14, spaceAfter=2))
        return ss

    def _story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for part in (self._title_block, self._key_facts, self._therapies, self._timeline,
                     self._course, self._measurements, self._pet, self._narrative,
                     self._references, self._consent):
            story += part()
        return story

    # --- words ----------------------------------------------------------------------------
    def m(self, text: str | None, field: str) -> str:
        """Checked, escaped paragraph markup of plain ``text``."""
        return self.glyphs.markup(text, field)

    def each(self, fn: Callable[[str], str]) -> dict[str, str]:
        return {lang: fn(lang) for lang in self.langs}

    def word(self, name: str) -> dict[str, str]:
        return self.each(lambda lang: labels.get(name, lang))

    def joined(self, values: dict[str, str], field: str, *, sep: str = " / ",
               second: str = MUTED_HEX) -> str:
        """Markup of one value per language on one line: ``English / русский``; the same
        text in both languages is written once."""
        parts = list(dict.fromkeys(values[lang] for lang in self.langs if values[lang]))
        if not parts:
            return ""
        out = self.m(parts[0], field)
        for p in parts[1:]:
            out += f'<font color="{second}">{self.m(sep, field)}{self.m(p, field)}</font>'
        return out

    def stacked(self, values: dict[str, str], field: str, *, second: str = MUTED_HEX) -> str:
        """Markup of one value per language, each on its own line (written once if equal)."""
        parts = list(dict.fromkeys(values[lang] for lang in self.langs if values[lang]))
        if not parts:
            return ""
        out = self.m(parts[0], field)
        for p in parts[1:]:
            out += f'<br/><font color="{second}">{self.m(p, field)}</font>'
        return out

    def date_text(self, d: PartialDate | None, lang: str) -> str:
        """A date as printed: calendar date, or relative time when de-identified."""
        if d is None:
            return labels.get("not_reported", lang)
        if self.view is not None:
            return self.view.date(d, lang)
        return d.display(lang)

    def number(self, value: float | None, lang: str) -> str:
        if value is None:
            return labels.get("not_reported", lang)
        # a bilingual page writes numbers once, the English way (11.93)
        return fmt_number(value, "en" if self.lang == "both" else lang)

    def heading(self, name: str | Text, field: str, style: str = "h2") -> Paragraph:
        t = labels.text(name) if isinstance(name, str) else name
        values = self.each(lambda lang: t.get(lang) or "")
        return Paragraph(self.joined(values, field, second=ACCENT_SOFT_HEX if style == "h2"
                                     else MUTED_HEX), self.styles[style])

    def headed(self, heading: Paragraph, body: list[Flowable]) -> list[Flowable]:
        """``heading`` then ``body``, the heading never alone at the foot of a page."""
        return [KeepStart(heading, body[0]), heading, *body] if body else [heading]

    def para(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.styles[style])

    def table(self, columns: Sequence[str], widths: Sequence[float],
              rows: list[list[Flowable | str]], field: str) -> Table:
        """A booktabs table: rules above, under the header and below; header repeated on
        every page it spans."""
        head = [self.para(self.stacked(self.each(lambda lang, c=c: _cap(labels.get(c, lang))),
                                       f"{field}.header"), "th") for c in columns]
        total = sum(widths)
        t = Table([head, *rows], colWidths=[self.frame_width * w / total for w in widths],
                  repeatRows=1, hAlign="LEFT", splitInRow=int(self.split_in_row))
        t.setStyle(TableStyle(self._booktabs(len(rows))))
        return t

    @staticmethod
    def _booktabs(n_rows: int) -> list[tuple]:
        style: list[tuple] = [
            *CELL_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
        ]
        if n_rows > 1:
            style.append(("LINEBELOW", (0, 1), (-1, -2), 0.25, HAIR))
        return style

    def cell(self, markup: str, style: str = "cell") -> Paragraph:
        return self.para(markup, style)

    def dates_cell(self, field: str, start: PartialDate | None,
                   end: PartialDate | None = None, *, ongoing: bool = False) -> Paragraph:
        """A date, or a period ``start – end`` (an end equal to the start is not repeated)."""
        def one(lang: str) -> str:
            s = self.date_text(start, lang)
            if ongoing:
                return f"{s} – {labels.get('ongoing', lang)}"
            if end is not None and end != start:
                return f"{s} – {self.date_text(end, lang)}"
            return s

        return self.cell(self.stacked(self.each(one), field))

    # --- sections -------------------------------------------------------------------------
    def _title_block(self) -> list[Flowable]:
        c = self.case
        titles = self.each(lambda lang: text_or_missing(c.title, lang))
        out: list[Flowable] = [self.para(self.m(titles[self.langs[0]],
                                                f"title.{self.langs[0]}"), "title")]
        if len(self.langs) == 2:
            out.append(self.para(self.m(titles["ru"], "title.ru"), "title2"))
        line = []
        if c.tags:
            tags = ", ".join(c.tags)
            line.append(f'{self.joined(self.word("tags"), "tags")}: {self.m(tags, "tags")}')
        if self.view is not None:
            mark = self.joined(self.word("deidentified"), "deidentified", second=MARK_HEX)
            line.append(f'<font name="{SANS}-Bold" color="{MARK_HEX}">{mark}</font>')
            line.append(self.m(" · ".join(self.view.caption(lang) for lang in self.langs),
                               "caption"))
        if line:
            out.append(Spacer(1, 2))
            out.append(self.para("  ·  ".join(line), "small"))
        return out

    def _facts(self) -> list[tuple[str, dict[str, str], str, dict[str, str] | None]]:
        """(label name, value per language, field, note per language) of the key facts."""
        c, p, dx = self.case, self.case.patient, self.case.diagnosis
        nr = self.word("not_reported")

        def patient(lang: str) -> str:
            parts = [label(vocab.SEXES, p.sex, lang) or labels.get("not_reported", lang)]
            if p.age_at_diagnosis is not None:
                parts.append(f"{labels.get('age_at_diagnosis', lang).lower()} "
                             f"{labels.years(p.age_at_diagnosis, lang)}")
            return ", ".join(parts)

        rows = [("patient", self.each(patient), "patient", None)]
        if self.view is None:  # identifiers only on a summary that is not de-identified
            for name, value in (("initials", p.initials), ("record_number", p.record_number)):
                if value:
                    rows.append((name, self.each(lambda _, v=value: v), f"patient.{name}", None))
            if p.birth_date:
                rows.append(("birth_date", self.each(lambda lang: self.date_text(
                    p.birth_date, lang)), "patient.birth_date", None))
        if p.weight_kg is not None or p.height_cm is not None:
            def body(lang: str) -> str:
                w = self.number(p.weight_kg, lang)
                h = self.number(p.height_cm, lang)
                w += f" {labels.get('kg', lang)}" if p.weight_kg is not None else ""
                h += f" {labels.get('cm', lang)}" if p.height_cm is not None else ""
                return f"{w}; {h}"
            rows.append(("weight", self.each(body), "patient.weight_kg", None))

        def diagnosis(lang: str) -> str:
            name = text_or_missing(dx.name, lang) if dx.name else labels.get("not_reported",
                                                                             lang)
            return f"{name} ({self.date_text(dx.date, lang)})" if dx.date else name

        note = self.each(lambda lang: text_or_missing(dx.note, lang)) if dx.note else None
        rows.append(("diagnosis", self.each(diagnosis), "diagnosis", note))
        for name in ("immunophenotype", "karyotype", "molecular"):
            value = getattr(dx, name)
            rows.append((name, self.each(lambda _, v=value: v) if value else nr,
                         f"diagnosis.{name}", None))
        for i, f in enumerate(c.findings):
            def finding(lang: str, f=f) -> str:
                kind = labels.get(f.kind, lang) if f.kind in vocab.FIELDS else f.kind
                return f"{self.date_text(f.date, lang)} — {kind}: {f.value}"
            fnote = self.each(lambda lang, f=f: text_or_missing(f.note, lang)) if f.note \
                else None
            rows.append(("findings" if i == 0 else "", self.each(finding), f"findings[{i}]",
                         fnote))
        return rows

    def _key_facts(self) -> list[Flowable]:
        rows = []
        for name, values, field, note in self._facts():
            head = ""
            if name == "weight":  # weight and height on one line
                head = self.stacked(self.each(lambda lang: f"{labels.get('weight', lang)}, "
                                              f"{labels.get('height', lang).lower()}"), field)
            elif name:
                head = self.stacked(self.word(name), f"{field}.label")
            value = self.stacked(values, field)
            if note:
                value += f"<br/><i>{self.stacked(note, f'{field}.note')}</i>"
            rows.append([self.para(head, "fact_label"), self.para(value, "fact")])
        t = Table(rows, colWidths=[self.frame_width * 0.27, self.frame_width * 0.73],
                  hAlign="LEFT")
        t.setStyle(TableStyle([
            *CELL_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
        ]))
        return self.headed(self.heading("key_facts", "key_facts"), [t])

    def _therapies(self) -> list[Flowable]:
        if not self.case.therapies:
            return []
        rows = []
        for i, t in enumerate(self.case.therapies):
            f = f"therapies[{i}]"
            dates = self.dates_cell(f"{f}.start", t.start, t.end, ongoing=t.ongoing)

            def name(lang: str, t=t) -> str:
                return text_or_missing(t.name, lang)

            def category(lang: str, t=t) -> str:
                return label(vocab.THERAPY_CATEGORIES, t.category, lang)

            lines = [f"<b>{self.m(name(lang), f'{f}.name.{lang}')}</b>"
                     f'<font color="{MUTED_HEX}"> · {self.m(category(lang), f"{f}.category")}'
                     "</font>" for lang in self.langs]
            if t.note:
                lines += [f"<i>{self.m(text_or_missing(t.note, lang), f'{f}.note.{lang}')}</i>"
                          for lang in self.langs]
            cycles = str(t.cycles) if t.cycles is not None else ""
            response = self.each(lambda lang, t=t: label(vocab.RESPONSES, t.response, lang)
                                 if t.response else labels.get("not_reported", lang))
            rows.append([dates, self.cell("<br/>".join(lines)), self.cell(cycles, "cell_r"),
                         self.cell(self.stacked(response, f"{f}.response"))])
        table = self.table(["dates", "treatment", "cycles", "response"], [21, 50, 7, 22], rows,
                           "therapies")
        return self.headed(self.heading("therapies", "therapies"), [table])

    # --- the timeline figure ----------------------------------------------------------------
    def _timeline_anchor(self) -> str | None:
        if self.view is None:
            return "calendar"
        return self.view.anchor_kind

    def _timeline(self) -> list[Flowable]:
        head = self.heading("timeline", "timeline")
        anchor = self._timeline_anchor()
        why: dict[str, str] | None = None
        if anchor is None:
            why = self.each(lambda lang: self.view.caption(lang) if self.view else "")
        else:
            try:
                probe = build_layout(self.case, anchor=anchor, lang=self.langs[0],
                                     anonymize=self.anonymize)
            except AnchorError as e:
                reason = str(e)
                why = self.each(lambda _: reason)
            else:
                if not probe.lanes:
                    why = self.word("no_dated")
        if why is not None:
            note = self.each(lambda lang: labels.get("no_timeline", lang).format(why=why[lang]))
            return self.headed(head, [self.para(self.stacked(note, "timeline"), "small")])
        width = self.frame_width
        dpc = figures.days_per_char(probe.x_max - probe.x_min, width)
        layouts = {lang: build_layout(self.case, anchor=anchor, lang=lang,
                                      anonymize=self.anonymize, days_per_char=dpc,
                                      max_label_rows=figures.EVENT_LABEL_ROWS)
                   for lang in self.langs}
        main = layouts[self.langs[0]]
        self._check_layout(main)
        titles = [[self.glyphs.check(layouts[lang].lanes[k].label, f"timeline.lane.{lang}")
                   for lang in self.langs] for k in range(len(main.lanes))]
        axis = " / ".join(dict.fromkeys(self.glyphs.check(layouts[lang].axis_title,
                                                          "timeline.axis")
                                        for lang in self.langs))
        drawing = figures.timeline_drawing(main, width, lane_titles=titles, axis_title=axis)
        drawing = figures.shrink_to(drawing, self.frame_height - TIMELINE_ROOM)
        caption = self._caption(self.word("timeline"), self.word("timeline_caption"),
                                "timeline.caption")
        block: list[Flowable] = [head, drawing, caption]
        if main.undated:
            names = self.each(lambda lang: "; ".join(
                text_or_missing(self.case.therapies[r.index].name, lang) for r in main.undated))
            note = self.each(lambda lang: f"{labels.get('not_drawn', lang).capitalize()}: "
                                          f"{names[lang]}")
            block.append(self.para(self.stacked(note, "timeline.undated"), "small"))
        return [KeepTogether(block)]

    def _check_layout(self, layout: TimelineLayout) -> None:
        """Every text the figure will draw, checked before it is drawn."""
        g = self.glyphs
        for b in layout.bars:
            g.check(b.label, f"therapies[{b.ref.index}].name")
        for mk in layout.markers:
            where = "diagnosis.name" if mk.ref.kind == "diagnosis" else f"events[{mk.ref.index}]"
            g.check(mk.label, f"{where}.label")
        for entry in layout.key:  # the callouts' key, and the notes, drawn below the figure
            for said in (entry.when, *entry.labels):
                g.check(said, "timeline.key")
        for note in layout.notes:
            g.check(note, "timeline.notes")
        for lane in layout.lanes:
            g.check(lane.threshold_label, "timeline.threshold")
            for t in lane.value_ticks:
                g.check(t.label, "timeline.ticks")
        for t in ticks(layout, layout.x_max - layout.x_min):
            g.check(t.label, "timeline.ticks")

    def _caption(self, title: dict[str, str], body: dict[str, str], field: str) -> Paragraph:
        self.figure_no += 1
        parts = []
        for lang in self.langs:
            fig = labels.get("figure", lang).format(n=self.figure_no)
            parts.append(f"<b>{self.m(fig, field)} {self.m(title[lang], field)}.</b> "
                         f"{self.m(body[lang], field)}")
        return self.para("<br/>".join(parts), "caption")

    # --- course, measurements -------------------------------------------------------------------
    def _course(self) -> list[Flowable]:
        if not self.case.events:
            return []
        rows = []
        for i, e in enumerate(self.case.events):
            f = f"events[{i}]"
            kind = self.each(lambda lang, e=e: label(vocab.EVENT_TYPES, e.type, lang))

            def what(lang: str, e=e) -> str:
                s = text_or_missing(e.label, lang) if e.label else ""
                site = label(vocab.SITES, e.site, lang)
                return f"{s} ({site})" if s and site else (s or site)

            markup = self.stacked(self.each(what), f"{f}.label")
            if e.note:
                note = self.each(lambda lang, e=e: text_or_missing(e.note, lang))
                markup += f"<br/><i>{self.stacked(note, f'{f}.note')}</i>"
            rows.append([self.dates_cell(f"{f}.date", e.date),
                         self.cell(self.stacked(kind, f"{f}.type")), self.cell(markup)])
        table = self.table(["date", "event", "note"], [17, 15, 68], rows, "events")
        return self.headed(self.heading("events", "events"), [table])

    def _measurements(self) -> list[Flowable]:
        if not self.case.measurements:
            return []
        rows = []
        for i, x in enumerate(self.case.measurements):
            f = f"measurements[{i}]"
            kind = self.each(lambda lang, x=x: label(vocab.MEASUREMENT_KINDS, x.kind, lang))

            def value(lang: str, x=x) -> str:
                if x.value is not None:
                    return f"{self.number(x.value, lang)} {x.unit or ''}".rstrip()
                # negative, positive, complete, mixed: labelled; another result as written
                return labels.get(x.result or "not_reported", lang)

            note = self.each(lambda lang, x=x: text_or_missing(x.note, lang) if x.note else "")
            rows.append([self.dates_cell(f"{f}.date", x.date),
                         self.cell(self.stacked(kind, f"{f}.kind")),
                         self.cell(self.stacked(self.each(value), f"{f}.value")),
                         self.cell(self.stacked(note, f"{f}.note"))])
        table = self.table(["date", "measurements", "value", "note"], [17, 22, 15, 46], rows,
                           "measurements")
        return self.headed(self.heading("measurements", "measurements"), [table])

    # --- PET ----------------------------------------------------------------------------------
    def _pet(self) -> list[Flowable]:
        studies = self.case.pet_studies
        if not studies:
            return []
        out = self.headed(self.heading("pet_comparison", "pet_studies"),
                          self._pet_tables(studies))
        try:
            comparisons = compare_studies(self.case)
        except PetError as e:
            reason = str(e)
            msg = self.each(lambda lang: labels.get("pet_error", lang).format(why=reason))
            return [*out, self.para(self.stacked(msg, "pet_studies"), "small")]
        if not comparisons:
            out.append(self.para(self.stacked(self.word("no_pet_pair"), "pet_studies"),
                                 "small"))
        for k, comp in enumerate(comparisons):
            out += self._comparison(k, comp)
        return out

    def _pet_tables(self, studies: list[PetStudy]) -> list[Flowable]:
        """The studies side by side (a column each, by date), a row per quantity; a row
        nobody reported is left out, the response rows always stay."""
        ordered = sorted(enumerate(studies), key=lambda p: p[1].date.sort_key())
        out: list[Flowable] = []
        for k in range(0, len(ordered), PET_COLUMNS):
            out.append(self._pet_table(ordered[k:k + PET_COLUMNS]))
        return out

    def _pet_table(self, studies: list[tuple[int, PetStudy]]) -> Table:
        nr = self.word("not_reported")
        head = [self.cell("")]
        for i, s in studies:
            f = f"pet_studies[{i}]"
            date = self.stacked(self.each(lambda lang, s=s: self.date_text(s.date, lang)),
                                f"{f}.date")
            name = self.stacked(self.each(lambda lang, s=s: text_or_missing(s.label, lang)),
                                f"{f}.label") if s.label else ""
            head.append(self.para(f"<b>{date}</b>" + (f"<br/>{name}" if name else ""), "th"))
        rows: list[list[Flowable]] = []

        def add(name: dict[str, str], field: str, cells: list[dict[str, str] | None],
                always: bool = False) -> None:
            if not always and all(c is None for c in cells):
                return
            row: list[Flowable] = [self.cell(self.stacked(name, f"{field}.label"),
                                             "fact_label")]
            for (i, _), c in zip(studies, cells, strict=True):
                row.append(self.cell(self.stacked(c or nr, f"pet_studies[{i}].{field}"),
                                     "cell_r"))
            rows.append(row)

        def num(v: float | None) -> dict[str, str] | None:
            return None if v is None else self.each(lambda lang: self.number(v, lang))

        ids = list(dict.fromkeys(x.id for _, s in studies for x in s.lesions))
        for lid in ids:
            found = [next((x for x in s.lesions if x.id == lid), None) for _, s in studies]
            site = next((x.site for x in found if x is not None and x.site), None)
            for measure, attr in (("SULmax", "sul_max"), ("SULpeak", "sul_peak"),
                                  ("SUVmax", "suv_max")):
                name = self.each(lambda lang, m=measure, site=site, lid=lid: self._lesion_name(
                    lid, site or Text(), lang) + f", {m}")
                add(name, f"lesions[{lid}].{attr}",
                    [num(getattr(x, attr)) if x is not None else None for x in found])
        add(self.word("liver"), "liver_sul_mean",
            [self.each(lambda lang, s=s: self._liver(s, lang)) if s.liver_sul_mean is not None
             else None for _, s in studies])
        for attr in ("liver_suv_max", "mediastinum_suv_max"):
            add(self.word(attr), attr, [num(getattr(s, attr)) for _, s in studies])
        add(self.word("new_lesions"), "new_lesions",
            [None if s.new_lesions is None else self.word("yes" if s.new_lesions else "no")
             for _, s in studies])
        add(self.each(lambda _: "Deauville"), "deauville",
            [self.each(lambda _, s=s: s.deauville) if s.deauville else None
             for _, s in studies], always=True)
        add(self.word("visual_response"), "visual_response",
            [self.each(lambda lang, s=s: label(vocab.RESPONSES, s.visual_response, lang))
             if s.visual_response else None for _, s in studies], always=True)
        label_w = 0.34
        col = min((1 - label_w) / len(studies), 0.24)
        cols = [label_w] + [col] * len(studies)
        t = Table([head, *rows], colWidths=[self.frame_width * w for w in cols],
                  repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle([*self._booktabs(len(rows)), ("ALIGN", (1, 0), (-1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (0, -1), 0)]))
        return t

    def _liver(self, s: PetStudy, lang: str) -> str:
        if s.liver_sul_mean is None:
            return labels.get("not_reported", lang)
        sd = f" ({self.number(s.liver_sul_sd, lang)})" if s.liver_sul_sd is not None else ""
        return self.number(s.liver_sul_mean, lang) + sd

    def _comparison(self, k: int, comp: StudyComparison) -> list[Flowable]:
        f = f"pet_comparison[{k}]"

        def title(lang: str) -> str:
            return (f"{labels.get('baseline', lang)} {self.date_text(comp.baseline.date, lang)}"
                    f" → {labels.get('follow_up', lang).lower()} "
                    f"{self.date_text(comp.follow_up.date, lang)}")

        head = self.para(self.joined(self.each(title), f"{f}.title"), "h3")
        text: list[Flowable] = []
        for result in (comp.response, comp.lugano):
            text += self._result(result, f)
        for role, score in zip(("baseline", "follow_up"), comp.deauville, strict=True):
            if score.source == "computed":
                text.append(self._explained(
                    self.each(lambda lang, r=role: f"Deauville, {labels.get(r, lang).lower()}"),
                    score.explanation, f"{f}.deauville"))
        chart = self._pet_chart(comp, f)
        images = self._pet_images(comp, f)
        if chart is None:
            return self.headed(head, text) + images
        box = Table([[chart, text]], colWidths=[chart.width + 8, self.frame_width - chart.width
                                                - 8], hAlign="LEFT")
        box.setStyle(TableStyle([*CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0)]))
        caption = self._caption(self.each(lambda _: comp.chart.measure or ""),
                                self.each(lambda lang: labels.get("pet_caption", lang).format(
                                    m=comp.chart.measure or "")), f"{f}.caption")
        return [KeepTogether([head, box, caption]), *images]

    def _pet_images(self, comp: StudyComparison, field: str) -> list[Flowable]:
        """Before and after images side by side (``pet_images``), with a figure caption."""
        studies = (comp.baseline, comp.follow_up)

        def caption(role: str, s: PetStudy) -> Paragraph:
            return self.para(self.joined(self.each(
                lambda lang: f"{labels.get(role, lang)} · {self.date_text(s.date, lang)}"),
                f"{field}.images"), "small")

        def missing(s: PetStudy) -> Paragraph:
            word = "image_missing" if s.image is None else "image_bad"
            return self.para(self.stacked(self.word(word), f"{field}.images"), "small")

        pair = pet_images.image_pair(
            studies, (caption("baseline", comp.baseline), caption("follow_up", comp.follow_up)),
            (missing(comp.baseline), missing(comp.follow_up)),
            (self.frame_width, self.frame_height), SANS)
        if pair is None:
            return []
        body = self.word("pet_images_caption")
        return [KeepTogether([Spacer(1, 6), pair, self._caption(
            self.word("pet_images"), body, f"{field}.images")])]

    def _result(self, r: ResponseResult, field: str) -> list[Flowable]:
        criteria = self.word("visual_response") if r.criteria == VISUAL else \
            self.each(lambda _: r.criteria)
        cat = r.category_label
        if cat is not None:
            name = self.each(lambda lang: f"{criteria[lang]}: {cat.get(lang) or r.category}")
        else:
            name = criteria
        return [self._explained(name, r.explanation, f"{field}.{r.criteria}")]

    def _explained(self, name: dict[str, str], why: Text, field: str) -> Paragraph:
        parts = []
        for i, lang in enumerate(self.langs):
            body = (f"<b>{self.m(name[lang], field)}.</b> "
                    f"{self.m(text_or_missing(why, lang), f'{field}.{lang}')}")
            parts.append(body if i == 0 else f'<font color="{MUTED_HEX}">{body}</font>')
        return self.para("<br/>".join(parts), "explain")

    @staticmethod
    def _lesion_name(lid: str, site: Text, lang: str) -> str:
        """``L1 · left breast``; the site alone where the id already says it."""
        name = text_or_missing(site, lang) if site else ""
        return lid if not name or name.lower() == lid.lower() else f"{lid} · {name}"

    def _pet_chart(self, comp: StudyComparison, field: str) -> Flowable | None:
        chart = comp.chart
        if not chart.rows or not any(r.before is not None or r.after is not None
                                     for r in chart.rows):
            return None
        check = self.glyphs.check

        def lines(values: Iterable[str], where: str) -> list[str]:
            return [check(v, where) for v in dict.fromkeys(values) if v]

        def column(role: str, d: PartialDate) -> list[str]:
            return lines([*(labels.get(role, lg) for lg in self.langs),
                          *(self.date_text(d, lg) for lg in self.langs)], f"{field}.chart")

        names = [lines([self._lesion_name(r.id, r.site, self.langs[0]),
                        *(text_or_missing(r.site, lg) for lg in self.langs[1:] if r.site)],
                       f"{field}.lesions[{r.id}].site") for r in chart.rows]
        return figures.pet_drawing(
            chart, 72 * mm, lang="en" if self.lang == "both" else self.langs[0],
            column_titles=(column("baseline", chart.before_date),
                           column("follow_up", chart.after_date)),
            not_reported=lines([labels.get("not_reported", lg) for lg in self.langs], field),
            lesion_names=names)

    # --- narrative, references, consent ---------------------------------------------------
    def _section_order(self) -> list[str]:
        names = list(self.case.sections)
        known = [n for n in vocab.SECTIONS if n in names]
        return known + [n for n in names if n not in vocab.SECTIONS]

    def _paragraphs(self, text: str) -> Iterable[str]:
        """Paragraphs are separated by blank lines; a single line break is kept."""
        for block in text.replace("\r\n", "\n").split("\n\n"):
            if block.strip():
                yield block.strip()

    def _narrative(self) -> list[Flowable]:
        out: list[Flowable] = []
        for name in self._section_order():
            t = self.case.sections[name]
            head = self.heading(vocab.SECTIONS.get(name) or Text(name, name), f"sections.{name}")
            body: list[Flowable] = []
            for lang in self.langs:
                tag = ""
                if len(self.langs) == 2:
                    tag = (f'<font name="{SANS}-Bold" size="7" color="{MUTED_HEX}">'
                           f"{lang.upper()}</font>  ")
                for k, block in enumerate(self._paragraphs(text_or_missing(t, lang))):
                    body.append(self.para((tag if k == 0 else "")
                                          + self.m(block, f"sections.{name}.{lang}")))
            out += self.headed(head, body)
        return out

    def _references(self) -> list[Flowable]:
        refs = self.case.references
        if not refs:
            return []
        items = [self.para(f"{i}.&nbsp;{self.m(r, f'references[{i - 1}]')}", "ref")
                 for i, r in enumerate(refs, 1)]
        return self.headed(self.heading("references", "references"), items)

    def _consent(self) -> list[Flowable]:
        key = {True: "consent_yes", False: "consent_no", None: "consent_unknown"}
        value = self.word(key[self.case.consent])
        return self.headed(self.heading("consent", "consent"),
                           [self.para(self.joined(value, "consent"), "body")])

    # --- furniture and metadata -----------------------------------------------------------
    def _furniture(self) -> Furniture:
        g = self.glyphs
        sep = " · "
        header = sep.join(dict.fromkeys(labels.get("case_summary", lang)
                                        for lang in self.langs))
        mark = " / ".join(labels.get("deidentified", lang) for lang in self.langs) \
            if self.view is not None else ""
        today = PartialDate(self.today.year, self.today.month, self.today.day)
        # a de-identified page carries no calendar date at all, not even today's: it could
        # coincide with a date of the case
        exported = "" if self.view is not None else sep.join(
            labels.get("exported", lang).format(d=today.display(lang)) for lang in self.langs)
        forms = [labels.get("page", lang) for lang in self.langs]
        for s in (header, mark, exported, *forms):
            g.check(s, "page furniture")
        g.check(self.case.code, "code")

        def page(n: int, total: int) -> str:
            return sep.join(f.format(n=n, m=total) for f in forms)

        footer = f"{AUTHOR}{sep}{exported}" if exported else AUTHOR
        return Furniture(self.case.code, header, mark, footer, page)

    def _meta_title(self) -> str:
        titles = [self.case.title.get(lang) for lang in self.langs]
        title = " / ".join(t for t in titles if t) or self.case.code
        return f"{self.case.code}: {title}"

    def _meta_subject(self) -> str:
        parts = [" / ".join(dict.fromkeys(labels.get("case_summary", lang)
                                          for lang in self.langs))]
        dx = [self.case.diagnosis.name.get(lang) for lang in self.langs]
        dx_text = " / ".join(dict.fromkeys(d for d in dx if d))
        if dx_text:
            parts.append(dx_text)
        if self.view is not None:
            parts.append(" / ".join(labels.get("deidentified", lang) for lang in self.langs))
        return " — ".join(parts)
