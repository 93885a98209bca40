"""The summary's first page for a tumour board, its lines of therapy, and the appendix of
date derivations (a mixin of ``CaseSummaryPdf``: ``self`` is the summary).

Page 1 reads in a minute: the case in one paragraph, patient and diagnosis, the current
status, the question for the board, the key PET verdict under the disease's criteria with
the physician's read, and a timeline thumbnail (``CaseSummaryPdf._story`` places it: below
these if it fits there, else at the top of page 2). Everything comes from ``core.board``.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from desktop.core import board, vocab
from desktop.core.pet import StudyComparison
from desktop.core.vocab import text_or_missing
from desktop.report import labels
from desktop.report.style import MARK_HEX, MUTED_HEX

#: Height of page 1's timeline thumbnail (points).
THUMB_HEIGHT = 190.0


class BoardPage:
    """Page 1 and the board-shaped sections of the summary."""

    def _by_lang(self, values: dict[str, str], field: str, style: str = "body") -> list[Flowable]:
        """One paragraph per language that has text; the second language muted."""
        out = []
        for i, lang in enumerate(self.langs):
            if values.get(lang):
                body = self.m(values[lang], f"{field}.{lang}")
                out.append(self.para(body if i == 0 else
                                     f'<font color="{MUTED_HEX}">{body}</font>', style))
        return out

    def _board_page(self) -> list[Flowable]:
        out: list[Flowable] = []
        summary = self.case.sections.get("summary")
        if summary:
            out += self._by_lang(self.each(lambda lang: text_or_missing(summary, lang)),
                                 "sections.summary")
        out += self._key_facts()
        status = self.each(lambda lang: "; ".join(board.status_lines(
            self.case, lang, lambda d, lang=lang: self.date_text(d, lang))))
        if any(status.values()):
            out += self.headed(self.heading(vocab.FIELDS["current_status"], "status"),
                               self._by_lang(status, "status"))
        question = self.case.sections.get("question")
        if question:
            out += self.headed(self.heading(vocab.FIELDS["question"], "sections.question"),
                               self._by_lang(self.each(lambda lang: text_or_missing(
                                   question, lang)), "sections.question"))
        comp = board.key_verdict(self.case)
        if comp is not None:
            out += self.headed(self.heading(vocab.FIELDS["key_pet"], "key_pet"),
                               self._verdict(comp, "key_pet", details=False))
        return out

    def _verdict(self, comp: StudyComparison, field: str, *, details: bool) -> list[Flowable]:
        """The headline under the disease's criteria, the physician's read beside it, a
        disagreement in the mark colour; with ``details``, the reasoning and the other
        criteria as a secondary line."""
        v = comp.verdict
        parts = []
        for i, lang in enumerate(self.langs):
            head = f"<b>{self.m(v.headline(lang), f'{field}.headline')}</b>"
            lines = [head, self.m(v.read.text(lang), f"{field}.read")]
            if v.disagreement:
                lines.append(f'<font color="{MARK_HEX}"><b>'
                             f'{self.m(v.disagreement.get(lang), f"{field}.disagree")}'
                             "</b></font>")
            if details:
                why = v.result.explanation.get(lang)
                if why:
                    lines.append(self.m(why, f"{field}.why"))
                if v.secondary is not None:
                    lines.append(f'<font color="{MUTED_HEX}"><i>'
                                 f'{self.m(v.secondary_text(lang), f"{field}.secondary")}'
                                 "</i></font>")
            text = "<br/>".join(lines)
            parts.append(text if i == 0 else f'<font color="{MUTED_HEX}">{text}</font>')
        return [self.para("<br/>".join(parts), "explain")]

    def _lines_of_therapy(self) -> list[Flowable]:
        lines = board.lines_of_therapy(self.case, include_supportive=True)
        if not lines:
            return []
        rows = []
        for k, line in enumerate(lines):
            f = f"lines[{k}]"
            names = []
            for lang in self.langs:
                regimen = line.regimen(lang)
                notes = [board.split_derivation(t.note.get(lang))[0] for t in line.therapies]
                notes = [n for n in notes if n]
                cell = f"<b>{self.m(regimen, f'{f}.regimen.{lang}')}</b>" if regimen else ""
                if notes:
                    cell += f"<br/><i>{self.m(' '.join(notes), f'{f}.note.{lang}')}</i>"
                names.append(cell if lang == self.langs[0] or not cell
                             else f'<font color="{MUTED_HEX}">{cell}</font>')
            number = str(line.number) if line.number is not None else "—"
            cycles = str(line.cycles) if line.cycles is not None else ""
            best = self.each(lambda lang, ln=line: ln.best_response(lang))
            rows.append([self.cell(number, "cell_r"),
                         self.cell("<br/>".join(n for n in names if n)),
                         self.dates_cell(f"{f}.dates", line.start, line.end,
                                         ongoing=line.ongoing),
                         self.cell(cycles, "cell_r"),
                         self.cell(self.stacked(best, f"{f}.best"))])
        table = self.table(["line", "regimen", "dates", "cycles", "best_response"],
                           [6, 48, 20, 7, 19], rows, "lines")
        return self.headed(self.heading(vocab.FIELDS["lines_of_therapy"], "lines"), [table])

    def _appendix(self) -> list[Flowable]:
        notes = {lang: board.derivation_notes(self.case, lang) for lang in self.langs}
        if not any(notes.values()):
            return []
        body: list[Flowable] = []
        for i, lang in enumerate(self.langs):
            for what, how in notes[lang]:
                text = f"<b>{self.m(what, 'appendix')}</b>: {self.m(how, 'appendix')}"
                body.append(self.para(text if i == 0 else
                                      f'<font color="{MUTED_HEX}">{text}</font>', "small"))
        head = self.heading(vocab.FIELDS["appendix_dates"], "appendix")
        return [KeepTogether([head, body[0]]), *body[1:]]


def note_text(note, lang: str) -> str:
    """A clinical note without its date-derivation sentences (those are in the appendix)."""
    return board.split_derivation(text_or_missing(note, lang))[0] if note else ""


__all__ = ["BoardPage", "Paragraph", "labels", "note_text"]
