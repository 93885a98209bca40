"""The slides of a 5–10 minute talk beyond the facts and the figures: the case at a
glance, the lines of therapy, the PET verdict under the disease's criteria with the
physician's read, discussion points and references (a mixin of ``deck._CaseSlides``).

Body text and tables never under 18 pt (the deck's rule; the issue asks ≥ 14 for
tables); the other criteria (PERCIST for a lymphoma) never appear on a slide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.core import board, outline, pet, vocab
from desktop.slides import draw
from desktop.slides.draw import Box

#: Sentences of a section a bullet slide takes before pointing at the notes.
POINTS = 4


class BoardSlides:
    """Slides built from ``core.board`` (``self`` is a ``_CaseSlides``)."""

    def bullets(self, title: str, points: Sequence[str], name: str,
                notes: list[tuple[str, str]] | None = None) -> None:
        """A slide of points at the largest size from 28 down to 18 pt that fits; what
        does not fit is cut at a sentence, with a pointer to the speaker notes."""
        points = [p for p in points if p]
        if not points:
            return
        slide = self.new_slide(title)
        box = self.content
        size = draw.fit_size(points, box, 28, draw.BODY_MIN_PT, space_after=0.6)
        if size is None:
            size = draw.BODY_MIN_PT
            points = [*shorten(points, box, size), self.L("see_notes")]
        draw.add_text(slide.shapes, box, points, size, colour=draw.INK, lang=self.lang,
                      name=name, space_after=0.6)
        self.notes(slide, notes or [])

    # --- case at a glance ------------------------------------------------------------
    def at_a_glance(self) -> None:
        c = self.case
        summary = c.sections.get("summary")
        points = outline.first_sentences(self.v.text(summary), 2, 260) if summary else []
        points = [" ".join(points)] if points else []
        facts = outline.lymphoma_facts(c.diagnosis, self.lang)
        if facts:
            points.append(" · ".join(f"{vocab.field(n, self.lang)}: {v}" for n, v in facts))
        status = board.status_lines(c, self.lang, self.v.when_one)
        if status:
            points.append(f"{self.L('current_status')}: {'; '.join(status)}")
        comp = self._key_comparison()
        if comp is not None:
            points.append(f"{self.L('key_pet')}: {comp.verdict.headline(self.lang)}")
        self.bullets(self.L("case_at_a_glance"), points, "at-a-glance",
                     [self.section("summary")])

    def _key_comparison(self) -> pet.StudyComparison | None:
        return board.key_verdict(self.case)

    # --- lines of therapy -------------------------------------------------------------
    def lines_of_therapy(self) -> None:
        lines = board.lines_of_therapy(self.case)
        if not lines:
            return
        lg = self.lang
        rows = []
        for line in lines:
            when = self.v.when_one(line.start) if line.start else self.L("not_given")
            if line.ongoing:
                when += f" – {self.L('ongoing')}"
            elif line.end and line.end != line.start:
                when += f" – {self.v.when_one(line.end)}"
            rows.append((str(line.number) if line.number else "—", line.regimen(lg), when,
                         str(line.cycles) if line.cycles is not None else "",
                         line.best_response(lg)))
        header = (self.L("line"), self.L("regimen"), self.L("dates"), self.L("cycles"),
                  self.L("best_response"))
        widths = self._fitted_widths(rows, (0.1, 0.33, 0.22, 0.11, 0.24), header)
        for k, (page_rows, size) in enumerate(self._paginate(rows, widths, header)):
            slide = self.new_slide(self._title("lines_of_therapy", k))
            self._table(slide, page_rows, widths, size, header=header, name="lines")

    # --- discussion, references --------------------------------------------------------
    def discussion_points(self) -> None:
        points = []
        question = self.case.sections.get("question")
        if question and self.v.text(question):
            points.append(f"{self.L('question')}: {self.v.text(question)}")
        discussion = self.case.sections.get("discussion")
        if discussion:
            points += outline.first_sentences(self.v.text(discussion), POINTS - len(points),
                                              420)
        self.bullets(self.L("discussion_points"), points, "discussion",
                     [self.section("question"), self.section("discussion")])

    def references(self) -> None:
        refs = self.case.references
        if not refs:
            return
        points = [f"{i}. {r}" for i, r in enumerate(refs, 1)]
        self.bullets(self.L("references"), points, "references",
                     [(self.L("references"), "\n".join(points))])

    # --- the PET verdict ---------------------------------------------------------------
    def verdict_panel(self, slide, comp: pet.StudyComparison, box: Box) -> None:
        """The category under the disease's criteria (large; the physician's visual read
        when nothing could be computed), the criteria, the physician's read, a
        disagreement, and the reasoning; the other criteria are not shown."""
        v, lg = comp.verdict, self.lang
        label = v.result.category_label
        category = (label.get(lg) if label else None) or self.L("not_reported")
        shapes, y = slide.shapes, box.top
        h = draw.emu_pt(draw.BODY_PT * draw.LINE_SPACING)
        draw.add_text(shapes, Box(box.left, y, box.width, h), self.L("pet_response"),
                      draw.BODY_PT, bold=True, colour=draw.MUTED, lang=lg,
                      name="pet-response-heading")
        y += h
        size = draw.fit_size([category], Box(box.left, y, box.width,
                                             draw.emu_pt(3 * 32 * 1.2)), 32, 24,
                             bold=True) or 24
        ch = draw.emu_pt(draw.text_height([category], draw.pt(box.width), size, True))
        draw.add_text(shapes, Box(box.left, y, box.width, ch), category, size, bold=True,
                      colour=draw.TITLE_INK, lang=lg, name="pet-response")
        y += ch + draw.emu_pt(8)
        head = [f"{self.L('criteria')}: {v.name.get(lg)}", v.read.text(lg)]
        if v.disagreement:
            head.append(v.disagreement.get(lg) or "")
        why = v.result.explanation.get(lg) or ""
        rest = Box(box.left, y, box.width, box.bottom - y)
        paras = [*head, why]
        size = draw.fit_size(paras, rest, 22, draw.BODY_MIN_PT, space_after=0.4)
        if size is None:  # the reasoning's first sentences that fit; all of it in the notes
            size = draw.BODY_MIN_PT
            keep: list[str] = []
            for sentence in outline.sentences(why) or [why]:
                trial = [*head, " ".join([*keep, sentence]), self.L("see_notes")]
                if draw.fit_size(trial, rest, size, size, space_after=0.4) is None:
                    break
                keep.append(sentence)
            paras = [*head, " ".join(keep), self.L("see_notes")] if keep else \
                [*head, self.L("see_notes")]
        draw.add_text(shapes, rest, [p for p in paras if p], size, colour=draw.INK, lang=lg,
                      name="pet-explanation", space_after=0.4)

def shorten(points: list[str], box: Box, size: float) -> list[str]:
    """Sentences that fit (leaving a line for the pointer to the notes); a first sentence
    too long for the slide is cut at a word and marked with an ellipsis."""
    keep: list[str] = []
    reserve = Box(box.left, box.top, box.width, box.height - draw.emu_pt(size * 2))
    for p in points:
        if draw.fit_size([*keep, p], reserve, size, size, space_after=0.6) is None:
            break
        keep.append(p)
    if keep:
        return keep
    words = points[0].split()
    fits: Callable[[int], bool] = lambda n: draw.fit_size(  # noqa: E731
        [" ".join(words[:n]) + " …"], reserve, size, size) is not None
    n = max((k for k in range(1, len(words) + 1) if fits(k)), default=1)
    return [" ".join(words[:n]) + " …"]
