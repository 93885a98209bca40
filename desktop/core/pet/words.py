"""The reasoning of a response in words, in both languages: roles, fields, phrases, and
numbers written once per language (decimal comma in Russian, a true minus sign).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from desktop.core.model import Text
from desktop.core.vocab import RESPONSES

MINUS = "\u2212"
Role = Literal["baseline", "follow-up"]

_ROLE = {"baseline": Text("baseline", "на исходном исследовании"),
         "follow-up": Text("follow-up", "на контрольном исследовании")}
_FIELD = {
    "lesion": Text("lesion SULpeak or SULmax", "SULpeak или SULmax очага"),
    "lesion_sul_max": Text("lesion SULmax", "SULmax очага"),
    "liver_sul_mean": Text("liver SULmean", "SULmean печени"),
    "liver_sul_sd": Text("liver SUL SD", "SD SUL печени"),
    "liver_sul_mean_cmr": Text("liver SULmean (CMR not tested)",
                               "SULmean печени (CMR не проверялся)"),
    "liver_suv_max": Text("liver SUVmax", "SUVmax печени"),
    "mediastinum_suv_max": Text("mediastinum SUVmax", "SUVmax средостения"),
    "new_lesions": Text("new lesions (yes/no)", "новые очаги (да/нет)"),
}
MISSING_SAME_MEASURE = Text(
    "one measure (SULpeak or SULmax) recorded for every lesion of both studies",
    "один показатель (SULpeak или SULmax) для всех очагов обоих исследований")
MISSING_PATIENT = Text(
    "patient weight, height and sex (to put liver and mediastinum SUVmax on the SUL scale)",
    "масса тела, рост и пол пациента (для пересчёта SUVmax печени и средостения в SUL)")
PHRASES = {  # phrases, each once in both languages
    "not_reported": Text("not reported", "не указан"),
    "not_assessable": Text("not assessable by {c}; missing: {m}",
                           "оценка по {c} невозможна; не хватает: {m}"),
    "not_recorded": Text(" Not recorded: {m}.", " Не указано: {m}."),
    "on_sulmax": Text(" Computed on SULmax: SULpeak is not recorded for every lesion.",
                      " Рассчитано по SULmax: SULpeak указан не для всех очагов."),
    "new": Text("new lesions", "новые очаги"),
    "visual": Text("{r}, as read visually", "{r} по визуальной оценке"),
    "x": Text("X, new uptake unlikely to be related to the disease: no Lugano category",
              "X, новое накопление, вероятно не связанное с болезнью: категория Lugano "
              "не присваивается"),
    "not_computed": Text(" ({c} not computed; missing: {m})",
                         " (расчёт по {c} не проведён; не хватает: {m})"),
    "not_measurable": Text(
        "baseline {v} ≤ {f} × liver SULmean + {s} × SD = {t}: not measurable, no category ({c})",
        "исходный {v} ≤ {f} × SULmean печени + {s} × SD = {t}: очаг неизмеряемый, "
        "категория не присваивается ({c})"),
    "proxy": Text("; the numeric thresholds are a proxy for a visual scale",
                  "; числовые пороги лишь приближают визуальную шкалу"),
    "recorded": Text("Deauville {s}, as scored by the physician",
                     "Deauville {s} по оценке врача"),
    "deauville": Text("Deauville {s}: lesion SULmax {u} {why} (liver {l}, mediastinum {m}, "
                      "SUL = SUVmax × LBM/weight)",
                      "Deauville {s}: SULmax очага {u} {why} (печень {l}, средостение {m}, "
                      "SUL = SUVmax × БМТ/масса)"),
    "deauville_suv": Text("Deauville {s}: lesion SUVmax {u} {why} (liver SUVmax {l}, "
                          "mediastinum SUVmax {m})",
                          "Deauville {s}: SUVmax очага {u} {why} (SUVmax печени {l}, "
                          "средостения {m})"),
}
WHY = {
    "none": Text("= 0, no uptake", "= 0, накопления нет"),
    "le_med": Text("≤ mediastinum", "≤ средостения"),
    "le_liver": Text("> mediastinum, ≤ liver", "> средостения, ≤ печени"),
    "lt_liver_alone": Text("< liver (mediastinum ≥ liver: liver alone compared)",
                           "< печени (средостение ≥ печени: сравнение только с печенью)"),
    "eq_liver_alone": Text("= liver (mediastinum ≥ liver: liver alone compared)",
                           "= печени (средостение ≥ печени: сравнение только с печенью)"),
    "gt_liver": Text("> liver, ≤ {f} × liver", "> печени, ≤ {f} × печени"),
    "marked": Text("> {f} × liver", "> {f} × печени"),
    "new": Text("with new lesions", "с новыми очагами"),
}


def category_text(code: str) -> Text:
    """The bilingual label of a response category; an unknown code is shown as written."""
    return RESPONSES.get(code) or Text(code, code)


def fmt_num(d: Decimal, lang: str) -> str:
    """A value as given (11.93 stays 11.93), real minus sign, decimal comma in Russian."""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0")
        s = s + "0" if s.endswith(".") else s
    s = s.replace("-", MINUS)
    return s.replace(".", ",") if lang == "ru" else s


def fmt_signed(d: Decimal, lang: str) -> str:
    return ("+" if d > 0 else "") + fmt_num(d, lang)


def fmt_pct(d: Decimal, lang: str) -> str:
    q = d.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return fmt_signed(q if q != 0 else abs(q), lang)


def missing_text(role: Role, field: str) -> Text:
    f, r = _FIELD[field], _ROLE[role]
    return Text(f"{r.en} {f.en}", f"{f.ru} {r.ru}")


def join_texts(items: tuple[Text, ...] | list[Text], lang: str) -> str:
    return ", ".join(t.get(lang) or "" for t in items)


def bilingual(render: Callable[[str], str]) -> Text:
    return Text(render("en"), render("ru"))


def with_prefix(head: str, rest: str) -> str:
    return f"{head}: {rest}" if head else rest[:1].upper() + rest[1:]
