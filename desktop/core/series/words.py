"""Words only the case series uses, each ``{en, ru}``; the vocabularies stay in ``vocab``."""

from __future__ import annotations

from desktop.core.model import Text

WORDS: dict[str, Text] = {
    "series": Text("Case series", "Серия случаев"),
    "cases_n": Text("{n} cases", "Случаев: {n}"),
    "axis": Text("Days from {anchor} (D0 = {anchor})", "Дни от точки отсчёта: {anchor} (Д0)"),
    "approx_anchor": Text("≈ D0: known to the {precision}", "≈ Д0: с точностью до {precision}"),
    "month": Text("month", "месяца"),
    "year": Text("year", "года"),
    "not_aligned": Text("Not aligned (no {anchor})", "Не выровнены (нет точки отсчёта: {anchor})"),
    "filtered": Text("Left out by the filter", "Исключены фильтром"),
    "therapies": Text("Therapies", "Терапия"),
    "events": Text("Events", "События"),
    "track_none": Text("no value reported", "значение не указано"),
    "not_drawn": Text("not dated", "без даты"),
    # anchors as a reader names them
    "a_diagnosis": Text("diagnosis", "диагноз"),
    "a_transplant": Text("first transplant", "первая трансплантация"),
    "a_relapse": Text("first relapse", "первый рецидив"),
    "a_infusion": Text("first infusion", "первая инфузия"),
    "a_therapy": Text("first {name}", "начало терапии «{name}»"),
    "a_event": Text("first {name}", "первое событие «{name}»"),
    # the series table
    "col_code": Text("Code", "Код"),
    "col_title": Text("Title", "Название"),
    "col_anchor": Text("Anchor (from diagnosis)", "Точка отсчёта (от диагноза)"),
    "col_before": Text("Therapies before D0", "Терапий до Д0"),
    "col_after": Text("Therapies from D0 on", "Терапий с Д0"),
    "col_best": Text("Best response from D0 on", "Лучший ответ с Д0"),
    "col_outcome": Text("Relapse or last follow-up", "Рецидив или последнее наблюдение"),
    "relapse_at": Text("relapse {when}", "рецидив {when}"),
    "last_seen": Text("last follow-up {when}", "последнее наблюдение {when}"),
    "no_anchor": Text("no {anchor}", "нет: {anchor}"),
    "none": Text("—", "—"),
}


def word(key: str, lang: str, **fmt: object) -> str:
    """The word ``key`` in ``lang`` with ``{placeholders}`` filled."""
    s = WORDS[key].get(lang) or key
    return s.format(**fmt) if fmt else s
