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

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core import vocab
from desktop.core.dates import PartialDate
from desktop.core.deid import DeidView
from desktop.core.errors import CasePresenterError
from desktop.core.model import Case, Text
from desktop.core.outline import lymphoma_facts
from desktop.core.timeline import AnchorError, TimelineLayout, build_layout, ticks
from desktop.core.vocab import label, text_or_missing
from desktop.report import figures, labels
from desktop.report.board_page import THUMB_HEIGHT, BoardPage, note_text
from desktop.report.canvas import Furniture, NumberedCanvas
from desktop.report.flow import FloatAhead
from desktop.report.fonts import SANS, SERIF, Glyphs, register
from desktop.report.markup import SummaryMarkup
from desktop.report.options import LANG_CHOICES as LANG_CHOICES
from desktop.report.options import PAPER_NAMES
from desktop.report.pet_section import PetSection
from desktop.report.style import ACCENT, CELL_FONT, INK, MARK_HEX, MUTED, MUTED_HEX

PAPERS = dict(zip(PAPER_NAMES, (A4, LETTER), strict=True))
#: Room a timeline figure leaves on its page for the heading and the caption.
TIMELINE_ROOM = 110.0


AUTHOR = "Case Presenter"


class ReportError(CasePresenterError, ValueError):
    """A summary that cannot be made as asked (a wrong option); the message says why."""


class CaseSummaryPdf(SummaryMarkup, PetSection, BoardPage):
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
        """Page 1, its timeline thumbnail floating ahead of the tables after it (never
        ahead of another figure: figures keep their numbers' order)."""
        story = [*self._title_block(), *self._board_page()]
        figure = self._timeline()
        tables = [*self._lines_of_therapy(), *self._findings(), *self._course()]
        story.append(FloatAhead(figure, tables))
        for part in (self._pet, self._measurements, self._narrative, self._references,
                     self._consent, self._appendix):
            story += part()
        return story

    # --- sections -------------------------------------------------------------------------
    def _title_block(self) -> list[Flowable]:
        c = self.case
        titles = self.each(lambda lang: text_or_missing(c.title, lang))
        out: list[Flowable] = [self.para(self.m(titles[self.langs[0]],
                                                f"title.{self.langs[0]}"), "title")]
        if len(self.langs) == 2:
            out.append(self.para(self.m(titles["ru"], "title.ru"), "title2"))
        line = []  # tags are the library's keywords, not the board's: not printed
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
        p, dx = self.case.patient, self.case.diagnosis
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

        note = self.each(lambda lang: note_text(dx.note, lang)) if dx.note else None
        rows.append(("diagnosis", self.each(diagnosis), "diagnosis", note))
        facts = {lang: dict(lymphoma_facts(dx, lang)) for lang in self.langs}
        for name in facts[self.langs[0]]:
            rows.append((name, {lang: facts[lang][name] for lang in self.langs},
                         f"diagnosis.{name}", None))
        for name in ("immunophenotype", "karyotype", "molecular"):
            value = getattr(dx, name)
            rows.append((name, self.each(lambda lang, v=value, n=name: vocab.notation(
                v, lang, n)) if value else nr, f"diagnosis.{name}", None))
        return rows

    def _findings(self) -> list[Flowable]:
        if not self.case.findings:
            return []
        rows = []
        for i, f in enumerate(self.case.findings):
            def finding(lang: str, f=f) -> str:
                kind = labels.get(f.kind, lang) if f.kind in vocab.FIELDS else f.kind
                return f"{kind}: {vocab.notation(f.value, lang, f.kind)}"
            markup = self.stacked(self.each(finding), f"findings[{i}]")
            note = self.each(lambda lang, f=f: note_text(f.note, lang))
            if any(note.values()):
                markup += f"<br/><i>{self.stacked(note, f'findings[{i}].note')}</i>"
            rows.append([self.dates_cell(f"findings[{i}].date", f.date), self.cell(markup)])
        table = self.table(["date", "findings"], [17, 83], rows, "findings")
        return self.headed(self.heading("findings", "findings"), [table])

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

    # --- the timeline figure ----------------------------------------------------------------
    def _timeline_anchor(self) -> str | None:
        if self.view is None:
            return "calendar"
        return self.view.anchor_kind

    def _timeline(self) -> list[Flowable]:
        """Page 1's timeline thumbnail, with its heading and caption (kept together)."""
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
        # a thumbnail on page 1, but never shrunk below 60 % (its labels must stay legible)
        room = self.frame_height - TIMELINE_ROOM
        drawing = figures.shrink_to(drawing, min(room, max(THUMB_HEIGHT, 0.6 * drawing.height)))
        caption = self._caption(self.word("timeline"), self.word("timeline_caption"),
                                "timeline.caption")
        block: list[Flowable] = [head, drawing, caption]
        if main.undated:
            names = self.each(lambda lang: "; ".join(
                text_or_missing(self.case.therapies[r.index].name, lang) for r in main.undated))
            note = self.each(lambda lang: f"{labels.get('not_drawn', lang).capitalize()}: "
                                          f"{names[lang]}")
            block.append(self.para(self.stacked(note, "timeline.undated"), "small"))
        return block

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
                site = vocab.site_label(e.site, lang)
                return f"{s} ({site})" if s and site else (s or site)

            markup = self.stacked(self.each(what), f"{f}.label")
            note = self.each(lambda lang, e=e: note_text(e.note, lang))
            if any(note.values()):
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
                    return f"{self.number(x.value, lang)} {vocab.unit_label(x.unit, lang)}".rstrip()
                # negative, positive, complete, mixed: labelled; another result as written
                return labels.get(x.result or "not_reported", lang)

            note = self.each(lambda lang, x=x: note_text(x.note, lang))
            rows.append([self.dates_cell(f"{f}.date", x.date),
                         self.cell(self.stacked(kind, f"{f}.kind")),
                         self.cell(self.stacked(self.each(value), f"{f}.value")),
                         self.cell(self.stacked(note, f"{f}.note"))])
        table = self.table(["date", "measurements", "value", "note"], [17, 22, 15, 46], rows,
                           "measurements")
        return self.headed(self.heading("measurements", "measurements"), [table])

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
            if name in ("summary", "question"):  # on page 1
                continue
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
