"""The sections of a presentation: each a widget that draws one step large, on white.

In the order of the slide deck: the title; the patient and diagnosis; the therapy
timeline (its events revealed one at a time); the PET comparison (one per follow-up
study); the take-away. A section the case does not have is not made (``build_sections``).

What a section shows comes from the core (``deid``, ``timeline``, ``pet``, ``vocab``) and
from the case as ``Shown`` prepares it — de-identified unless the presenter chose
otherwise; nothing is computed here but positions. The timeline's own labels are 24 px at
1080 (the deck's 12 pt); everything else is at least 28 px (``presentation.draw``).
"""

from __future__ import annotations

from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPicture
from PySide6.QtWidgets import QWidget

from desktop.core import pet, timeline, vocab
from desktop.core.errors import CasePresenterError
from desktop.core.timeline import AnchorError, TimelineLayout
from desktop.core.timeline.steps import reveal_stages
from desktop.gui.pet.chart import ChartCaptions, paint_paired_chart
from desktop.gui.pet.style import response_colour, word
from desktop.gui.presentation.draw import (
    BAND,
    BODY_PX,
    CHART_SHARE,
    HEADING_PX,
    HERO_PX,
    INK,
    MIN_PX,
    MIN_TEXT_PX,
    MUTED,
    RULE,
    TAKE_AWAY_PX,
    TITLE_INK,
    WHITE,
    Painter,
    Scale,
    Shown,
    cut_to_fit,
    fit_font,
    paragraphs_height,
    text_height,
)
from desktop.gui.timeline.canvas import TimelineCanvas
from desktop.gui.timeline.style import TimelineStyle, make_font


# --- sections --------------------------------------------------------------------------------
class Section(QWidget):
    """One section: a heading and what is under it, drawn at the window's scale. A section
    with more than one step (timeline events, pages) moves through them first."""

    name = ""

    def __init__(self, shown: Shown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown = shown
        self.step = 0
        self.setObjectName(f"presentation_{self.name}")
        self.setAutoFillBackground(False)

    # steps
    def steps(self) -> int:
        return 1

    def set_step(self, step: int) -> None:
        self.step = min(max(step, 0), self.steps() - 1)
        self.update()

    # geometry
    def scale(self) -> Scale:
        return Scale.of(self.window().height() if self.window() is not self
                        else self.height())

    def margins(self, s: Scale) -> QRectF:
        side, top, bottom = s.px(96), s.px(56), s.px(36)
        return QRectF(side, top, self.width() - 2 * side, self.height() - top - bottom)

    def heading(self) -> str:
        return ""

    def body_rect(self, s: Scale) -> QRectF:
        area = self.margins(s)
        if not self.heading():
            return area
        font = s.font(HEADING_PX, bold=True)
        h = text_height(font, self.heading(), area.width()) + s.px(36)
        return QRectF(area.left(), area.top() + h, area.width(), area.height() - h)

    # drawing
    def draw(self, out: Painter, s: Scale) -> None:
        title = self.heading()
        if title:
            area = self.margins(s)
            out.text(QRectF(area.left(), area.top(), area.width(), area.height()), title,
                     s.font(HEADING_PX, bold=True), TITLE_INK)
        self.draw_body(out, self.body_rect(s), s)

    def draw_body(self, out: Painter, rect: QRectF, s: Scale) -> None:
        raise NotImplementedError

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), WHITE)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            self.draw(Painter(p), self.scale())
        finally:
            p.end()

    def texts(self) -> list[str]:
        """Every text this step shows, at the current size."""
        return self._drawn().texts

    def text_pixel_sizes(self) -> list[int]:
        """The pixel size of every text this step draws (the room reads 18 pt and up)."""
        return self._drawn().pixel_sizes

    def _drawn(self) -> Painter:
        picture = QPicture()
        p = QPainter(picture)
        try:
            out = Painter(p)
            self.draw(out, self.scale())
        finally:
            p.end()
        return out


class TitleSection(Section):
    """The case title, large; the diagnosis; the code and what the times count from."""

    name = "title"

    def draw_body(self, out: Painter, rect: QRectF, s: Scale) -> None:
        c, shown = self.shown.case, self.shown
        title = shown.text(c.title) or c.code
        sub = [x for x in (shown.text(c.diagnosis.name), self.subtitle_line()) if x]
        sub_font = fit_font(sub, rect.width(), rect.height() * 0.3, BODY_PX, s) \
            or s.font(MIN_PX)
        sub_gap = QFontMetricsF(sub_font).height() * 0.35
        sub_h = paragraphs_height(sub_font, sub, rect.width(), sub_gap)
        rule_h, gap = s.px(8), s.px(36)
        room = rect.height() - sub_h - rule_h - 2 * gap
        title_font = fit_font([title], rect.width(), room * 0.9, HERO_PX, s, bold=True) \
            or s.font(HERO_PX[-1], bold=True)
        title_h = min(text_height(title_font, title, rect.width()), room)
        if text_height(title_font, title, rect.width()) > room:
            title = cut_to_fit(title_font, title, rect.width(), room)
        block = title_h + gap + rule_h + gap + sub_h
        y = rect.top() + max(0.0, (rect.height() - block) * 0.42)
        out.text(QRectF(rect.left(), y, rect.width(), title_h + 2), title, title_font,
                 TITLE_INK)
        y += title_h + gap
        out.p.fillRect(QRectF(rect.left(), y, s.px(200), rule_h), RULE)
        y += rule_h + gap
        out.paragraphs(QRectF(rect.left(), y, rect.width(), sub_h + 2), sub, sub_font, MUTED,
                       0.35)

    def subtitle_line(self) -> str:
        parts = [self.shown.case.code]
        if not self.shown.identifying:
            parts.append(f"{self.shown.label('deidentified')}: {self.shown.caption()}")
        return " · ".join(parts)


class FactsSection(Section):
    """The key facts as a two-column table, at the largest body size that fits; at the
    smallest, on as many pages (steps) as it takes."""

    name = "facts"

    def __init__(self, shown: Shown, rows: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(shown, parent)
        self.rows = rows
        self._plan: tuple[tuple[int, int, float], int, float, list[list[int]]] | None = None

    def heading(self) -> str:
        title = self.shown.words("patient_and_diagnosis")
        return title if self.step == 0 else self.shown.words("continued", title)

    def _pages(self) -> tuple[int, float, list[list[int]]]:
        """Body size (base px), label column width, rows per page."""
        s = self.scale()
        key = (self.width(), self.height(), s.k)
        if self._plan is None or self._plan[0] != key:
            self._plan = (key, *self._paginate(s))
        return self._plan[1], self._plan[2], self._plan[3]

    def _paginate(self, s: Scale) -> tuple[int, float, list[list[int]]]:
        rect = self.body_rect(s)
        for size in BODY_PX:
            label_w, heights = self._measure(size, rect.width(), s)
            if sum(heights) <= rect.height():
                return size, label_w, [list(range(len(self.rows)))]
        pages: list[list[int]] = [[]]
        used = 0.0
        for i, h in enumerate(heights):
            if pages[-1] and used + h > rect.height():
                pages.append([])
                used = 0.0
            pages[-1].append(i)
            used += h
        return BODY_PX[-1], label_w, pages

    def _measure(self, size: int, width: float, s: Scale) -> tuple[float, list[float]]:
        bold, regular = s.font(size, bold=True), s.font(size)
        fm = QFontMetricsF(bold)
        pad = s.px(size) * 0.3
        label_w = min(max((fm.horizontalAdvance(r[0]) for r in self.rows), default=0.0)
                      + 2 * pad + s.px(8), width * 0.38)
        value_w = width - label_w - 2 * pad
        heights = [max(text_height(bold, label, label_w - 2 * pad),
                       text_height(regular, value, value_w)) + 2 * pad
                   for label, value in self.rows]
        return label_w, heights

    def steps(self) -> int:
        return len(self._pages()[2])

    def draw_body(self, out: Painter, rect: QRectF, s: Scale) -> None:
        size, label_w, pages = self._pages()
        page = pages[min(self.step, len(pages) - 1)]
        rows = [self.rows[i] for i in page]
        if rows and not rows[0][0]:  # a group continued from the last page keeps its label
            label = next((r[0] for r in reversed(self.rows[:page[0]]) if r[0]), "")
            rows[0] = (label, rows[0][1])
        bold, regular = s.font(size, bold=True), s.font(size)
        pad = s.px(size) * 0.3
        value_w = rect.width() - label_w - 2 * pad
        y = rect.top()
        for i, (label, value) in enumerate(rows):
            h = max(text_height(bold, label, label_w - 2 * pad),
                    text_height(regular, value, value_w)) + 2 * pad
            if i % 2 == 0:
                out.p.fillRect(QRectF(rect.left(), y, rect.width(), h), BAND)
            out.text(QRectF(rect.left() + pad, y + pad, label_w - 2 * pad, h), label, bold,
                     MUTED)
            out.text(QRectF(rect.left() + label_w + pad, y + pad, value_w, h), value, regular,
                     TITLE_INK)
            y += h


def presentation_style(s: Scale) -> TimelineStyle:
    """The timeline's type for the room: labels 24 px at 1080 (the deck's 12 pt),
    lane titles, ticks and legend 26 px; none under 18 pt (``MIN_TEXT_PX``) however
    small the screen."""
    k = s.k

    def px(base: float) -> float:
        return max(base * k, MIN_TEXT_PX)

    return TimelineStyle(make_font(px=px(24)), make_font(px=px(24), italic=True),
                         make_font(px=px(26), bold=True), make_font(px=px(26)),
                         make_font(px=px(24)), make_font(px=px(26)), 26.0 * k, 3.0 * k,
                         330.0 * k, (8 * k, 4 * k, 40 * k, 4 * k), whole_labels=True)


class TimelineSection(Section):
    """The timeline, bars and lanes first; each step reveals the events of the next reveal
    stage (``timeline.reveal_stages``: turning points first), the latest of them ringed
    and named in a line above the drawing."""

    name = "timeline"

    def __init__(self, shown: Shown, probe: TimelineLayout | None, why: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(shown, parent)
        self.probe, self.why = probe, why
        # as on the slides: measurements are not drawn, the events get the room
        self.hidden_lanes = [lane.id for lane in probe.lanes if lane.kind == "series"] \
            if probe is not None else []
        self.canvas: TimelineCanvas | None = None  # made for the size shown (``rebuild``)
        self._built_for: tuple[float, int, int] | None = None

    def heading(self) -> str:
        return self.shown.words("timeline")

    def steps(self) -> int:
        return len(reveal_stages(self.probe)) + 1 if self.probe is not None else 1

    def set_step(self, step: int) -> None:
        super().set_step(step)
        self._show_step()

    def _show_step(self) -> None:
        if self.canvas is None:
            return
        self.canvas.reveal(self.step)
        shown = self.canvas.revealed_markers()
        self.canvas.select(shown[-1].ref if shown and self.step else None)

    def step_line(self) -> str:
        """What this step adds: its kinds of event ("Diagnosis, Relapse"), or the one
        event it adds (its date and label)."""
        stages = reveal_stages(self.canvas.layout_) if self.canvas and self.canvas.layout_ \
            else []
        if not (0 < self.step <= len(stages)):
            return ""
        added = stages[self.step - 1]
        if len(added) == 1:
            return event_line(added[0].tooltip)
        kinds = dict.fromkeys(m.type for m in added)
        return ", ".join(vocab.label(vocab.EVENT_TYPES, k, self.shown.lang) for k in kinds)

    def revealed(self) -> int:
        return len(self.canvas.revealed_markers()) if self.canvas is not None else 0

    # layout
    def _caption_height(self, s: Scale) -> float:
        return QFontMetricsF(s.font(BODY_PX[1])).height() * 1.25

    def _canvas_rect(self, s: Scale) -> QRectF:
        body = self.body_rect(s)
        cap = self._caption_height(s)
        return QRectF(body.left() - s.px(40), body.top() + cap, body.width() + s.px(56),
                      body.height() - cap)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.rebuild()

    def rebuild(self) -> None:
        """Draw the timeline for the current size: type for the screen's height, labels
        placed for the plot's width."""
        if self.probe is None:
            return
        s = self.scale()
        rect = self._canvas_rect(s).toAlignedRect()
        key = (s.k, rect.width(), rect.height())
        if key == self._built_for:
            return
        style = presentation_style(s)
        if self.canvas is None or self._built_for is None or self._built_for[0] != s.k:
            if self.canvas is not None:
                self.canvas.hide()
                self.canvas.deleteLater()
            self.canvas = TimelineCanvas(style, self)
            self.canvas.setObjectName("presentationTimeline")
            self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.canvas.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            self.canvas.vb.setMouseEnabled(x=False, y=False)
        self._built_for = key
        self.canvas.setGeometry(rect)
        self.canvas.show()
        left, _top, right, _bottom = style.margins
        plot_w = max(rect.width() - left - right - style.gutter_px, 100.0)
        span = self.probe.x_max - self.probe.x_min
        shown = self.shown
        layout = timeline.build_layout(shown.case, anchor=shown.anchor, lang=shown.lang,
                                       anonymize=not shown.identifying,
                                       hidden_lanes=self.hidden_lanes,
                                       days_per_char=span * style.char_px() / plot_w)
        self.canvas.revealed = self.step
        self.canvas.draw(layout)
        self.canvas.fit()
        self._show_step()

    # drawing
    def draw_body(self, out: Painter, rect: QRectF, s: Scale) -> None:
        if self.probe is None:
            out.text(rect, vocab.FIELDS["no_timeline"].get(self.shown.lang).format(
                why=self.why), s.font(BODY_PX[0]), MUTED)
            return
        shown = self.canvas.revealed_markers() if self.canvas is not None else []
        if not (shown and self.step):
            return
        m = shown[-1]
        font = s.font(BODY_PX[1])
        fm = QFontMetricsF(font)
        h = self._caption_height(s)
        sym = s.px(30)
        out.p.save()
        out.p.translate(rect.left() + sym / 2, rect.top() + h / 2 - s.px(4))
        pen = QPen(TITLE_INK, max(1.0, s.px(1.5)))
        pen.setCosmetic(True)  # drawSymbol scales the painter by the symbol's size
        drawSymbol(out.p, m.symbol, sym, pen, QBrush(QColor(m.colour)))
        out.p.restore()
        counter = self.shown.words("step_of", self.step, self.steps() - 1)
        counter_font = s.font(MIN_PX)
        counter_w = QFontMetricsF(counter_font).horizontalAdvance(counter) + s.px(8)
        left = rect.left() + sym + s.px(16)
        room = rect.right() - left - counter_w - s.px(24)
        text = fm.elidedText(self.step_line(), Qt.TextElideMode.ElideRight, room)
        middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        out.text(QRectF(left, rect.top() - s.px(4), room, h), text, font, TITLE_INK, middle)
        out.text(QRectF(rect.right() - counter_w, rect.top() - s.px(4), counter_w, h), counter,
                 counter_font, MUTED, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def text_pixel_sizes(self) -> list[int]:
        out = super().text_pixel_sizes()
        if self.canvas is not None:  # labels, callouts, titles, ticks, legend and key
            style = self.canvas.style_
            out += [f.pixelSize() for f in (style.label, style.label_missing, style.title,
                                            style.tick, style.value, style.legend)]
        return out

    def texts(self) -> list[str]:
        out = super().texts()
        if self.canvas is not None:
            lo, hi = self.canvas.x_range()
            axis = self.canvas.time_axis
            axis.shown = axis.ticks_for(lo, hi)
            out += self.canvas.texts()
        return out


def event_line(tooltip: str) -> str:
    """"D+50 · Third relapse in the bone marrow" from the core's tooltip of a marker
    (its type, its text if any, and when)."""
    lines = tooltip.split("\n")
    kind, when = lines[0], lines[-1]
    detail = lines[1] if len(lines) > 2 else kind
    return f"{when} · {detail}"


class PetSection(Section):
    """One follow-up study against the baseline: the paired chart on the left, the
    response and how it was assessed on the right."""

    name = "pet"

    def __init__(self, shown: Shown, comparison: pet.StudyComparison | None,
                 error: str = "", parent: QWidget | None = None) -> None:
        super().__init__(shown, parent)
        self.comparison, self.error = comparison, error

    def heading(self) -> str:
        return self.shown.words("pet")

    def draw_body(self, out: Painter, rect: QRectF, s: Scale) -> None:
        lang, comp = self.shown.lang, self.comparison
        if comp is None:
            out.text(rect, vocab.FIELDS["pet_error"].get(lang).format(why=self.error),
                     s.font(BODY_PX[1]), MUTED)
            return
        gap = s.px(64)
        left = QRectF(rect.left(), rect.top(), rect.width() * CHART_SHARE, rect.height())
        right = QRectF(left.right() + gap, rect.top(), rect.right() - left.right() - gap,
                       rect.height())
        chart = comp.chart
        captions = ChartCaptions((word("before", lang), self.shown.when(chart.before_date)),
                                 (word("after", lang), self.shown.when(chart.after_date)))
        out.p.save()
        out.texts += paint_paired_chart(out.p, left, chart, lang, s.font(MIN_PX), captions,
                                        scale=s.k * 1.4)
        out.p.restore()
        self._response(out, right, s)

    def _response(self, out: Painter, rect: QRectF, s: Scale) -> None:
        lang, v = self.shown.lang, self.comparison.verdict
        r = v.result  # the criteria of the case's disease (Lugano for a lymphoma)
        y = rect.top()
        head = s.font(32, bold=True)
        head_h = QFontMetricsF(head).height()
        out.text(QRectF(rect.left(), y, rect.width(), head_h), self.shown.label("pet_response"),
                 head, MUTED)
        y += head_h + s.px(12)
        category = (r.category_label.get(lang) if r.category_label else None) \
            or self.shown.label("not_reported")
        if r.category:
            category = f"{r.category} — {category}"
        bar = s.px(12)
        cat_font = fit_font([category], rect.width() - bar - s.px(24), s.px(52) * 3.6,
                            (52, 48, 44, 40), s, bold=True) or s.font(40, bold=True)
        cat_h = text_height(cat_font, category, rect.width() - bar - s.px(24))
        out.p.fillRect(QRectF(rect.left(), y + s.px(6), bar, cat_h - s.px(8)),
                       QColor(response_colour(r)))
        out.text(QRectF(rect.left() + bar + s.px(24), y, rect.width() - bar - s.px(24),
                        cat_h + 2), category, cat_font, TITLE_INK)
        y += cat_h + s.px(28)
        paras = [] if r.criteria == pet.VISUAL else [self.shown.words("criteria",
                                                                      v.name.get(lang))]
        paras.append(v.read.text(lang))  # the physician's read, always beside it
        if v.disagreement:
            paras.append(v.disagreement.get(lang) or "")
        paras.append(r.explanation.get(lang) or "")
        room = QRectF(rect.left(), y, rect.width(), rect.bottom() - y)
        font = fit_font(paras, room.width(), room.height(), BODY_PX, s, gap_lines=0.4)
        if font is None:
            font = s.font(MIN_PX)
            gap = QFontMetricsF(font).height() * 0.4
            head_h = paragraphs_height(font, paras[:-1], room.width(), gap)
            paras[-1] = cut_to_fit(font, paras[-1], room.width(),
                                   room.height() - head_h - (gap if head_h else 0))
        out.paragraphs(room, paras, font, INK, 0.4)


class TakeAwaySection(Section):
    """The take-away (the conclusion's first sentences, as in the deck), as large as it
    fits; cut with an ellipsis only if it cannot fit at 28 px."""

    name = "take_away"

    def __init__(self, shown: Shown, points: list[str], parent: QWidget | None = None) -> None:
        super().__init__(shown, parent)
        self.points = points

    def heading(self) -> str:
        return self.shown.words("take_away")

    def draw_body(self, out: Painter, rect: QRectF, s: Scale) -> None:
        indent = s.px(40)
        inner = QRectF(rect.left() + indent, rect.top(), rect.width() - indent, rect.height())
        points = list(self.points)
        font = fit_font(points, inner.width(), inner.height(), TAKE_AWAY_PX, s, gap_lines=0.6)
        if font is None:
            font = s.font(MIN_PX)
            gap = QFontMetricsF(font).height() * 0.6
            keep: list[str] = []
            for point in points:
                if paragraphs_height(font, [*keep, point], inner.width(), gap) > inner.height():
                    used = paragraphs_height(font, keep, inner.width(), gap) + (gap if keep
                                                                                 else 0)
                    keep.append(cut_to_fit(font, point, inner.width(), inner.height() - used))
                    break
                keep.append(point)
            points = keep
        gap = QFontMetricsF(font).height() * 0.6
        y = inner.top()
        bar = s.px(10)
        for point in points:
            h = text_height(font, point, inner.width())
            out.p.fillRect(QRectF(rect.left(), y + s.px(6), bar, h - s.px(8)), RULE)
            out.text(QRectF(inner.left(), y, inner.width(), h + 2), point, font, TITLE_INK)
            y += h + gap


# --- the sections of one case ----------------------------------------------------------------
def build_sections(shown: Shown) -> list[Section]:
    """The sections the case has, in the deck's order; the others are left out."""
    out: list[Section] = [TitleSection(shown)]
    rows = shown.fact_rows()
    if rows:
        out.append(FactsSection(shown, rows))
    timeline_section = _timeline(shown)
    if timeline_section is not None:
        out.append(timeline_section)
    out += _pet(shown)
    points = shown.take_away()
    if points:
        out.append(TakeAwaySection(shown, points))
    return out


def _timeline(shown: Shown) -> TimelineSection | None:
    try:
        probe = timeline.build_layout(shown.case, anchor=shown.anchor, lang=shown.lang,
                                      anonymize=not shown.identifying)
    except AnchorError:
        dated = any(t.start for t in shown.case.therapies) or bool(shown.case.events)
        return TimelineSection(shown, None, shown.words("no_anchor")) if dated else None
    if not (probe.bars or probe.markers):
        return None
    return TimelineSection(shown, probe)


def _pet(shown: Shown) -> list[Section]:
    if len(shown.case.pet_studies) < 2:
        return []
    try:
        comparisons = pet.compare_studies(shown.case)
    except CasePresenterError as e:
        return [PetSection(shown, None, str(e))]
    return [PetSection(shown, comp) for comp in comparisons]

