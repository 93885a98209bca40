"""Conference decks: ``build_deck(cases) -> bytes``, editable in PowerPoint and Impress.

Per case, in order:

1. title — the case title, diagnosis, and what the times count from;
2. patient and diagnosis — key facts in a table (continued on more slides if long);
3. therapy timeline — native shapes from ``core.timeline`` (bars, markers, lanes, ticks);
4. PET before and after — per follow-up study: a native line chart of
   ``pet.PairedChart``, the response and its explanation; then the PET images, if any;
5. key measurements — a table (continued on more slides if long), if there are any;
6. take-away — the first sentences of the conclusion section, if there is one.

The narrative goes to the speaker notes: summary and introduction on the title slide,
the case presentation on the facts, therapy details on the timeline, the assessment of
the response on the PET slide, the discussion on the take-away.

De-identified by default (``anonymize=True``): the case is first replaced by
``deid.deidentify``'s copy (identifiers gone, free text scrubbed, dates moved), every
date is shown by ``DeidView.date`` relative to the transplant (else the diagnosis), the
timeline is laid out on that anchor, images are re-encoded, and the file's properties
carry no author, date or identifier of the patient.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.table import CT_TableCell
from pptx.table import _Cell
from pptx.util import Emu, Pt

from desktop.core import deid, outfile, palette, pet, vocab
from desktop.core.dates import PartialDate
from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS, Case
from desktop.core.outline import CaseOutline
from desktop.core.timeline import AnchorError, fmt_number
from desktop.slides import draw, labels, pet_shapes, timeline_key, timeline_shapes
from desktop.slides.board_slides import BoardSlides
from desktop.slides.board_slides import shorten as _shorten
from desktop.slides.draw import Box
from desktop.slides.sizes import SIZES

APP = "Case Presenter"
LAYOUT_TITLE = 0  # "Title Slide" of python-pptx's default template
LAYOUT_TITLE_ONLY = 5
TAKE_AWAY_PT = 28  # the largest: under the 36 pt title
TABLE_MARGIN_PT = 7.2  # left and right inset of a table cell (PowerPoint's default 0.1 in)
TABLE_VMARGIN_PT = 3.6


class SlidesError(CasePresenterError, ValueError):
    """A deck that cannot be made as asked; the message says why."""


# --- the deck ----------------------------------------------------------------------------
def build_deck(cases: Case | Iterable[Case], *, lang: str = "en", anonymize: bool = True,
               size: str = "16:9", warn: Callable[[str], None] | None = None,
               series: str | None = None) -> bytes:
    """A .pptx deck of ``cases`` in ``lang`` ("en" | "ru") and ``size`` ("16:9" |
    "4:3"), de-identified unless ``anonymize=False``. ``warn`` is told of what was left
    out (a PET image that cannot be read); the slide says so too. ``series``, an anchor
    (``transplant``, ``therapy:NAME``…), opens the deck with the cases as a series."""
    case_list = [cases] if isinstance(cases, Case) else list(cases)
    if lang not in LANGS:
        raise SlidesError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if size not in SIZES:
        raise SlidesError(f"size must be one of {', '.join(SIZES)}, got {size!r}")
    if not case_list:
        raise SlidesError("no case to put on slides")
    prs = Presentation()
    prs.slide_width, prs.slide_height = (Emu(v) for v in SIZES[size])
    views = [_CaseView(c, lang, anonymize) for c in case_list]
    for view in views:
        for i, why in view.image_errors.items():
            if warn is not None:
                warn(f"{view.source.code}: the image of PET study {i + 1} "
                     f"({view.source.pet_studies[i].date.iso()}) is not shown: {why}")
    if series is not None:
        from desktop.slides import series_slide  # the series layout only for a series

        series_slide.add_series(prs, case_list, series, lang=lang, anonymize=anonymize)
    for view in views:
        _CaseSlides(prs, view).add_all()
    _clean_properties(prs, views, lang)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def write_deck(cases: Case | Iterable[Case], out_path: str | Path, **options) -> Path:
    """``build_deck`` written to ``out_path`` whole or not at all (a temporary file in the
    same folder, renamed into place). An unwritable path raises ``SlidesError``, before the deck is
    built."""
    try:
        path = outfile.check_target(out_path)
        return outfile.write_bytes(path, build_deck(cases, **options))
    except outfile.OutputError as e:
        raise SlidesError(str(e)) from None


def _clean_properties(prs, views: list[_CaseView], lang: str) -> None:
    """Author and editor are the app, the dates those of the deck, the title the case's
    (de-identified) title; nothing of the template's author or the patient remains."""
    cp = prs.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    if len(views) == 1:
        title = views[0].text(views[0].case.title) or views[0].case.code
    else:
        title = labels.get("cases", lang, n=len(views))
    cp.title = title[:255]  # the most a core property holds
    cp.author = APP
    cp.last_modified_by = APP
    cp.created = now
    cp.modified = now
    cp.revision = 1
    for name in ("subject", "keywords", "comments", "category", "content_status",
                 "identifier", "version"):
        setattr(cp, name, "")
    cp.language = "ru-RU" if lang == "ru" else "en-US"
    el = cp._element  # python-pptx has no setter that removes a date
    for child in list(el):
        if child.tag.endswith("}lastPrinted"):
            el.remove(child)
    _app_properties(prs)


def _app_properties(prs) -> None:
    """docProps/app.xml as the deck is: the template's says "On-screen Show (4:3)" and
    "Microsoft Macintosh PowerPoint" whatever the size; this one names the real format."""
    w, h = int(prs.slide_width), int(prs.slide_height)
    fmt = next((k for k, v in SIZES.items() if v == (w, h)), f"{w}x{h} EMU")
    n = len(prs.slides)
    notes = sum(1 for s in prs.slides if s.has_notes_slide)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
           '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"<TotalTime>0</TotalTime><Application>{APP}</Application>"
           f"<PresentationFormat>On-screen Show ({fmt})</PresentationFormat>"
           f"<Slides>{n}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
           "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
           "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
           "</Properties>")
    for part in prs.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = xml.encode("utf-8")


# --- one case, as shown --------------------------------------------------------------------
@dataclass
class _CaseView(CaseOutline):
    """A case as the slides show it (``CaseOutline``), with its PET images made safe to
    embed: an image that cannot be read is left out and said so."""

    image_errors: dict[int, str] = field(init=False)  # PET study index → why not shown

    def __post_init__(self) -> None:
        self.source, self.image_errors = _readable_images(self.source)
        super().__post_init__()


def _readable_images(case: Case) -> tuple[Case, dict[int, str]]:
    """``case`` without the PET images that cannot be cleaned (a damaged file must not
    stop the whole deck), and why each was left out, by study index."""
    errors: dict[int, str] = {}
    studies = []
    for i, s in enumerate(case.pet_studies):
        if s.image is not None:
            try:
                deid.strip_image_metadata(s.image)
            except deid.DeidError as e:
                errors[i] = str(e)
                s = replace(s, image=None)
        studies.append(s)
    return (replace(case, pet_studies=studies) if errors else case), errors


# --- slides of one case -------------------------------------------------------------------
class _CaseSlides(BoardSlides):
    def __init__(self, prs, view: _CaseView) -> None:
        self.prs, self.v, self.lang = prs, view, view.lang
        self.case = view.case
        self.width, self.height = int(prs.slide_width), int(prs.slide_height)
        self.content = draw.content_box(self.width, self.height)

    def add_all(self) -> None:
        self.title_slide()
        self.at_a_glance()
        self.key_facts()
        self.lines_of_therapy()
        self.timeline()
        self.pet()
        self.measurements()
        self.discussion_points()
        self.take_away()
        self.references()

    # --- helpers ---------------------------------------------------------------------
    def L(self, name: str, **fmt: object) -> str:
        return labels.get(name, self.lang, **fmt)

    def new_slide(self, title: str):
        slide = draw.add_slide(self.prs, LAYOUT_TITLE_ONLY)
        box = Box(draw.MARGIN, draw.TITLE_TOP, self.width - 2 * draw.MARGIN, draw.TITLE_HEIGHT)
        size = draw.fit_size([title], box, draw.TITLE_PT, draw.TITLE_MIN_PT, bold=True)
        self._set_placeholder(slide.shapes.title, box, [title], size or draw.TITLE_MIN_PT,
                              bold=True, colour=draw.TITLE_INK, anchor=MSO_ANCHOR.MIDDLE)
        return slide

    def _set_placeholder(self, ph, box: Box, paragraphs: Sequence[str], size: float, *,
                         bold: bool, colour: str, anchor, space_after: float = 0.0) -> None:
        ph.left, ph.top, ph.width, ph.height = (Emu(v) for v in (box.left, box.top,
                                                                 box.width, box.height))
        tf = ph.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = anchor
        tf.margin_left = tf.margin_right = 0
        draw.set_paragraphs(tf, paragraphs, size, bold=bold, colour=colour, lang=self.lang,
                            space_after=space_after)

    def notes(self, slide, parts: Iterable[tuple[str, str]]) -> None:
        """Speaker notes: each part a heading line and its text; empty parts are left out."""
        blocks = [f"{head}\n{body}" if head else body for head, body in parts if body]
        if blocks:
            slide.notes_slide.notes_text_frame.text = "\n\n".join(blocks)

    def section(self, name: str) -> tuple[str, str]:
        t = self.case.sections.get(name)
        return (vocab.label(vocab.SECTIONS, name, self.lang), self.v.text(t) if t else "")

    # --- 1. title --------------------------------------------------------------------
    def title_slide(self) -> None:
        slide = draw.add_slide(self.prs, LAYOUT_TITLE)
        c = self.case
        title = self.v.text(c.title) or c.code
        inner = self.width - 2 * draw.MARGIN
        sub = [x for x in (self.v.text(c.diagnosis.name), self._subtitle_line()) if x]
        sub_size = draw.BODY_PT
        sub_h = draw.emu_pt(draw.text_height(sub, draw.pt(inner), sub_size, space_after=0.3))
        top = int(1.0 * draw.EMU_PER_IN)
        title_box = Box(draw.MARGIN, top, inner,
                        self.height - top - sub_h - draw.BOTTOM - draw.emu_pt(24))
        size = draw.fit_size([title], title_box, draw.HERO_PT, draw.TITLE_MIN_PT, bold=True)
        self._set_placeholder(slide.shapes.title, title_box, [title],
                              size or draw.TITLE_MIN_PT, bold=True, colour=draw.TITLE_INK,
                              anchor=MSO_ANCHOR.BOTTOM)
        subtitle = slide.placeholders[1]
        sub_box = Box(draw.MARGIN, title_box.bottom + draw.emu_pt(18), inner, sub_h)
        self._set_placeholder(subtitle, sub_box, sub, sub_size, bold=False,
                              colour=draw.INK, anchor=MSO_ANCHOR.TOP, space_after=0.3)
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(draw.MARGIN),
                                      Emu(title_box.bottom + draw.emu_pt(6)),
                                      Emu(int(1.5 * draw.EMU_PER_IN)), Emu(draw.emu_pt(5)))
        rule.name = "rule"
        draw.fill(rule, palette.OKABE_ITO["blue"])
        self.notes(slide, [self.section("summary"), self.section("introduction")])

    def _subtitle_line(self) -> str:
        parts = [self.case.code]
        if self.v.anonymize:
            parts.append(f"{self.L('deidentified')}: {self.v.caption()}")
        return " · ".join(parts)

    # --- 2. key facts ---------------------------------------------------------------
    def fact_rows(self) -> list[tuple[str, str]]:
        return self.v.fact_rows()

    def key_facts(self) -> None:
        rows = self.fact_rows()
        if not rows:
            rows = [(self.L("patient"), self.L("not_reported"))]
        widths = self._label_column(rows)
        pages = self._paginate(rows, widths, header=None)
        for k in range(1, len(pages)):  # a continued group keeps its heading
            first = pages[k][0][0]
            if not first[0]:
                heading = next(r[0] for r in reversed(rows[:rows.index(first)]) if r[0])
                pages[k][0][0] = (heading, first[1])
        for k, (page_rows, size) in enumerate(pages):
            slide = self.new_slide(self._title("patient_and_diagnosis", k))
            self._table(slide, page_rows, widths, size, header=None, name="facts")
            if k == 0:
                self.notes(slide, [self.section("presentation"),
                                   (self.L("diagnosis"), self.v.text(self.case.diagnosis.note))])

    def _label_column(self, rows: list[tuple[str, str]]) -> tuple[float, float]:
        """Column shares: the labels' column as wide as its longest label at body size
        (so labels do not wrap), within 22–36 % of the table."""
        widest = max((draw.text_width(r[0], draw.BODY_PT, bold=True) for r in rows),
                     default=0.0) + 2 * TABLE_MARGIN_PT + 4
        share = min(max(widest / draw.pt(self.content.width), 0.22), 0.36)
        return share, 1 - share

    def _title(self, name: str, page: int) -> str:
        title = self.L(name)
        return title if page == 0 else self.L("continued", t=title)

    # --- tables ---------------------------------------------------------------------
    def _row_height(self, row: Sequence[str], widths: Sequence[float], size: float,
                    bold: Sequence[bool]) -> int:
        inner = [w * draw.pt(self.content.width) - 2 * TABLE_MARGIN_PT for w in widths]
        h = max(draw.text_height([cell], w, size, b)
                for cell, w, b in zip(row, inner, bold, strict=True))
        return draw.emu_pt(h + 2 * TABLE_VMARGIN_PT + 2)

    def _words_fit(self, rows: Sequence[Sequence[str]], widths: Sequence[float],
                   size: float, header: Sequence[str] | None) -> bool:
        """No word of any cell (header included) is wider than its column at ``size``, set
        as it is drawn (or it would break)."""
        table = [(header, _bold(len(header), True, True))] if header else []
        table += [(row, _bold(len(row), False, header is not None)) for row in rows]
        for row, bold in table:
            for cell, w, b in zip(row, widths, bold, strict=True):
                room = w * draw.pt(self.content.width) - 2 * TABLE_MARGIN_PT
                if any(draw.text_width(word, size, bold=b) > room for word in draw.words(cell)):
                    return False
        return True

    def _fitted_widths(self, rows: Sequence[Sequence[str]], widths: Sequence[float],
                       header: Sequence[str] | None, size: float = draw.BODY_MIN_PT
                       ) -> tuple[float, ...]:
        """Column shares widened where a word, set as drawn at ``size``, would break
        (a header's "курсов" in a narrow column at 4:3), the room taken in proportion
        from the columns that have it to spare; as given when nothing breaks or the
        words cannot all fit."""
        full = draw.pt(self.content.width)
        need = [0.0] * len(widths)
        table = [(header, _bold(len(header), True, True))] if header else []
        table += [(row, _bold(len(row), False, header is not None)) for row in rows]
        for row, bold in table:
            for j, (cell, b) in enumerate(zip(row, bold, strict=True)):
                for word in draw.words(cell):
                    width = draw.text_width(word, size, bold=b) + 2 * TABLE_MARGIN_PT + 1
                    need[j] = max(need[j], width / full)
        short = sum(max(n - w, 0) for n, w in zip(need, widths, strict=True))
        spare = [max(w - n, 0) for n, w in zip(need, widths, strict=True)]
        if not short or sum(need) > 1:
            return tuple(widths)
        return tuple(max(w, n) - s * short / sum(spare)
                     for w, n, s in zip(widths, need, spare, strict=True))

    def _paginate(self, rows: list[tuple[str, ...]], widths: Sequence[float],
                  header: tuple[str, ...] | None, smallest: float = draw.BODY_MIN_PT
                  ) -> list[tuple[list[tuple[str, ...]], float]]:
        """Rows split into pages that fit the content area, at the largest body size
        (24 down to 18 pt, or ``smallest``, never under 14) that puts them on one page,
        else at that size on several."""
        for size in (s for s in (draw.BODY_PT, 22, 20, draw.BODY_MIN_PT, 16, 14)
                     if s >= smallest):
            heights = [self._row_height(r, widths, size, _bold(len(r), False, bool(header)))
                       for r in rows]
            head = (self._row_height(header, widths, size, _bold(len(header), True, True))
                    if header else 0)
            if (head + sum(heights) <= self.content.height
                    and self._words_fit(rows, widths, size, header)):
                return [(rows, size)]
        room = self.content.height
        n = len(_pages(heights, head, room))
        # as many pages, filled evenly (13 rows: 7 + 6, not 12 + 1): the least room per
        # page that still packs the rows on n pages
        lo = max(head + (sum(heights) + n - 1) // n, head + max(heights))
        step = max((room - lo) // 50, 1)
        fill = next((c for c in range(lo, room, step) if len(_pages(heights, head, c)) <= n),
                    room)
        return [([rows[i] for i in page], size) for page in _pages(heights, head, fill)]

    def _table(self, slide, rows: Sequence[Sequence[str]], widths: Sequence[float],
               size: float, *, header: Sequence[str] | None, name: str) -> None:
        all_rows = ([list(header)] if header else []) + [list(r) for r in rows]
        bolds = [_bold(len(r), header is not None and i == 0, header is not None)
                 for i, r in enumerate(all_rows)]
        heights = [self._row_height(r, widths, size, b)
                   for r, b in zip(all_rows, bolds, strict=True)]
        box = self.content
        frame = slide.shapes.add_table(len(all_rows), len(widths), Emu(box.left), Emu(box.top),
                                       Emu(box.width), Emu(sum(heights)))
        frame.name = f"table:{name}"
        table = frame.table
        table.first_row = header is not None
        table.horz_banding = False
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(int(box.width * w))
        for i, (r, h, tr) in enumerate(zip(all_rows, heights, table._tbl.tr_lst, strict=True)):
            table.rows[i].height = Emu(h)
            is_head = header is not None and i == 0
            background = draw.INK if is_head else (draw.BAND if i % 2 == (header is None) else
                                                   draw.WHITE)
            colour = draw.WHITE if is_head else draw.INK
            for value, tc, bold in zip(r, tr.tc_lst, bolds[i], strict=True):
                cell = copy.deepcopy(_cell(background, size, bold, colour, self.lang))
                cell.txBody.p_lst[0][-1].text = value  # the run: python-pptx's setter
                tr.replace(tc, cell)

    # --- 3. timeline ----------------------------------------------------------------
    def timeline(self) -> None:
        slide = self.new_slide(self.L("timeline"))
        area = self.content
        made = None
        why = self.L("no_anchor") if self.v.anchor is None else ""
        if self.v.anchor is not None:
            try:
                made = timeline_shapes.build(self.case, area=area, anchor=self.v.anchor,
                                             lang=self.lang, anonymize=self.v.anonymize)
            except AnchorError:
                why = self.L("no_anchor")
        if made is not None and not (made.layout.bars or made.layout.markers):
            made, why = None, self.L("no_dated")
        if made is None:
            draw.add_text(slide.shapes, area, self.L("no_timeline", why=why), draw.BODY_PT,
                          colour=draw.MUTED, lang=self.lang, name="timeline-missing")
            return
        layout = made.layout
        timeline_shapes.draw_timeline(slide, made, self.lang)
        undated = [self.v.text(self.case.therapies[r.index].name) for r in layout.undated]
        if made.overflow:  # the rest of the callouts' key, on a slide of its own
            more = self.new_slide(f"{self.L('timeline')} ({self.L('timeline_key')})")
            timeline_key.draw_key(more.shapes, [list(e) for e in made.overflow],
                                  self.content, self.lang, draw.BODY_MIN_PT,
                                  name="timeline-key:more")
        self.notes(slide, [
            (self.L("therapies"), "\n".join(b.tooltip.replace("\n", " · ")
                                                  for b in layout.bars)),
            (self.L("undated"), "\n".join(undated)),
            (self.L("events"), "\n".join(m.tooltip.replace("\n", " · ")
                                               for m in layout.markers)),
            (self.L("timeline_key"), "\n".join(p for e in (*made.key, *made.overflow) for p in e)),
            ("", "\n".join(layout.notes)),
        ])

    # --- 4. PET ---------------------------------------------------------------------
    def pet(self) -> None:
        if not self.case.pet_studies:
            return
        try:
            comparisons = pet.compare_studies(self.case)
        except CasePresenterError as e:
            slide = self.new_slide(self.L("pet"))
            draw.add_text(slide.shapes, self.content, self.L("pet_error", why=str(e)),
                          draw.BODY_PT, colour=draw.MUTED, lang=self.lang, name="pet-error")
            return
        for comp in comparisons:
            self.pet_slide(comp)
            if any(s.image is not None or self._image_error(s) for s in (comp.baseline,
                                                                          comp.follow_up)):
                self.pet_images(comp)

    def _image_error(self, study) -> str | None:
        index = next(i for i, s in enumerate(self.case.pet_studies) if s is study)
        return self.v.image_errors.get(index)

    def _study_when(self, role: str, d: PartialDate) -> str:
        return f"{self.L(role)}\n{self.v.when(d)}"

    def pet_slide(self, comp: pet.StudyComparison) -> None:
        slide = self.new_slide(self.L("pet"))
        left, right = self.content.split_x(0.55, int(0.3 * draw.EMU_PER_IN))
        chart = comp.chart
        if pet_shapes.has_values(chart):
            pet_shapes.add_chart(slide, chart, left, (self._study_when("before", chart.before_date),
                                                      self._study_when("after", chart.after_date)),
                                 self.lang)
        else:
            draw.add_text(slide.shapes, left, self.L("no_values"), draw.BODY_PT,
                          colour=draw.MUTED, lang=self.lang, name="pet-no-values")
        self.verdict_panel(slide, comp, right)
        v, lg = comp.verdict, self.lang
        explanations = [v.result.explanation.get(lg) or ""]  # the disease's criteria only
        if v.criteria == "lugano":
            explanations += [d.explanation.get(lg) or "" for d in comp.deauville]
        studies = [(f"{self.v.text(s.label) or self.L(role)} ({self.v.when(s.date)})",
                    self.v.text(s.note)) for role, s in (("before", comp.baseline),
                                                         ("after", comp.follow_up))]
        self.notes(slide, [(self.L("notes_explanation"),
                            "\n".join(x for x in explanations if x)), *studies])

    def pet_images(self, comp: pet.StudyComparison) -> None:
        slide = self.new_slide(self.L("pet_images"))
        gap = int(0.3 * draw.EMU_PER_IN)
        halves = self.content.split_x(0.5, gap)
        problems: list[tuple[str, str]] = []
        for (role, study), half in zip((("before", comp.baseline), ("after", comp.follow_up)),
                                       halves, strict=True):
            caption = [f"{self.L(role)} · {self.v.when(study.date)}"]
            if study.label:
                caption.append(self.v.text(study.label))
            size = draw.BODY_MIN_PT + 2
            cap_h = draw.emu_pt(draw.text_height(caption, draw.pt(half.width), size) + 6)
            cap, rest = half.below(cap_h, draw.emu_pt(6))
            draw.add_text(slide.shapes, cap, caption, size, colour=draw.INK, lang=self.lang,
                          name=f"pet-image-caption:{role}")
            prepared = (pet_shapes.prepare_image(study.image, rest) if study.image is not None
                        else pet_shapes.Prepared(None, self._image_error(study)))
            pet_shapes.place_image(slide, prepared, rest, self.lang, f"pet-image:{role}")
            if prepared.error:
                problems.append((f"{self.L(role)}: {self.L('image_bad')}", prepared.error))
        self.notes(slide, problems)

    # --- 5. measurements ------------------------------------------------------------
    def measurement_rows(self) -> list[tuple[str, str, str]]:
        out = []
        ms = sorted(self.case.measurements, key=lambda m: m.date.sort_key())
        for m in ms:
            if m.value is not None:
                unit = vocab.unit_label(m.unit, self.lang)
                result = fmt_number(m.value, self.lang) + (f" {unit}" if unit else "")
            elif m.result:
                result = self.L(m.result) if m.result in vocab.FIELDS else m.result
            else:
                result = self.L("not_reported")
            out.append((self.v.when(m.date),
                        vocab.label(vocab.MEASUREMENT_KINDS, m.kind, self.lang), result))
        return out

    def measurements(self) -> None:
        rows = self.measurement_rows()
        if not rows:
            return
        widths = (0.3, 0.42, 0.28)
        header = (self.L("when"), self.L("measurement"), self.L("result"))
        ms = sorted(self.case.measurements, key=lambda m: m.date.sort_key())
        notes = [f"{w} · {k}: {self.v.text(m.note)}" if m.note else ""
                 for (w, k, _), m in zip(rows, ms, strict=True)]
        done = 0
        for k, (page_rows, size) in enumerate(self._paginate(rows, widths, header)):
            slide = self.new_slide(self._title("key_measurements", k))
            self._table(slide, page_rows, widths, size, header=header, name="measurements")
            mine = [n for n in notes[done:done + len(page_rows)] if n]
            done += len(page_rows)
            self.notes(slide, [("", "\n".join(mine))])

    # --- 6. take-away ---------------------------------------------------------------
    def take_away(self) -> None:
        conclusion = self.case.sections.get("conclusion")
        if not conclusion:
            return
        points = self.v.take_away()
        if not points:  # no conclusion in this language: left out (the pre-flight says so)
            return
        slide = self.new_slide(self.L("take_away"))
        box = self.content
        size = draw.fit_size(points, box, TAKE_AWAY_PT, draw.BODY_MIN_PT + 2,
                             space_after=0.6)
        if size is None:
            size = draw.BODY_MIN_PT
            if draw.fit_size(points, box, size, size, space_after=0.6) is None:
                points = [*_shorten(points, box, size), self.L("see_notes")]
        draw.add_text(slide.shapes, box, points, size, colour=draw.TITLE_INK, lang=self.lang,
                      name="take-away", space_after=0.6)
        self.notes(slide, [self.section("conclusion"), self.section("discussion"),
                           self.section("patient_perspective")])


@lru_cache(maxsize=64)
def _cell(background: str, size: float, bold: bool, colour: str, lang: str):
    """An empty table cell in this style, made by python-pptx once, to be copied (with
    its text set) into each cell of a table: the same XML in a tenth of the time."""
    cell = _Cell(CT_TableCell.new(), None)
    cell.margin_left = cell.margin_right = Pt(TABLE_MARGIN_PT)
    cell.margin_top = cell.margin_bottom = Pt(TABLE_VMARGIN_PT)
    cell.vertical_anchor = MSO_ANCHOR.TOP
    cell.fill.solid()
    cell.fill.fore_color.rgb = draw.rgb(background)
    draw.set_paragraphs(cell.text_frame, [""], size, bold=bold, colour=colour, lang=lang)
    return cell._tc


def _bold(cells: int, is_head: bool, has_header: bool) -> tuple[bool, ...]:
    """Which cells of a table row are set bold: all of a header row; the first (the
    label) of each row of a table without a header. Measured as drawn."""
    return tuple(is_head or (not has_header and j == 0) for j in range(cells))


def _pages(heights: list[int], head: int, room: int) -> list[list[int]]:
    """Row indices per page, each page filled while its rows fit ``room``."""
    pages: list[list[int]] = [[]]
    used = head
    for i, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([])
            used = head
        pages[-1].append(i)
        used += h
    return pages
