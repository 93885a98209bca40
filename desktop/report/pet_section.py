"""The PET section of the summary: the studies in tables, each follow-up compared with
the baseline, the response with its reasoning, and the paired chart of the lesions.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.core import vocab
from desktop.core.dates import PartialDate
from desktop.core.model import PetStudy, Text
from desktop.core.pet import VISUAL, PetError, ResponseResult, StudyComparison, compare_studies
from desktop.core.vocab import label, text_or_missing
from desktop.report import figures, labels, pet_images
from desktop.report.fonts import SANS
from desktop.report.style import CELL_FONT, MUTED_HEX, PET_COLUMNS


class PetSection:
    """The PET section of ``CaseSummaryPdf`` (a mixin: ``self`` is the summary)."""

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
        text: list[Flowable] = self._verdict(comp, f, details=True)
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
        """``L1 · left breast``; the site alone where the id already says it (in either
        language: an id "breast" is not printed in a Russian summary)."""
        name = text_or_missing(site, lang) if site else ""
        said = {(site.en or "").lower(), (site.ru or "").lower()}
        return lid if not name else name if lid.lower() in said else f"{lid} · {name}"

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
