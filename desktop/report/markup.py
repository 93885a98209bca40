"""The summary's words as ReportLab markup: checked against the bundled fonts, escaped,
in one language or both stacked, and set as headings, paragraphs, tables and cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desktop.core.dates import PartialDate
from desktop.core.model import Text
from desktop.core.timeline import fmt_number
from desktop.report import labels
from desktop.report.flow import KeepStart
from desktop.report.style import ACCENT_SOFT_HEX, CELL_FONT, HAIR, INK, MUTED_HEX, cap


class SummaryMarkup:
    """Markup helpers of ``CaseSummaryPdf`` (a mixin: ``self`` is the summary)."""

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
        # each language its own way: 11.93 / 11,93 (one format per language and quantity)
        return fmt_number(value, lang)

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
        head = [self.para(self.stacked(self.each(lambda lang, c=c: cap(labels.get(c, lang))),
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
