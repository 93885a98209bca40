"""The closed vocabularies of a case, each code with its English and Russian label.

One place for them: the screen, the PDF and the slides all read these labels.
"""

from __future__ import annotations

import re

from desktop.core.text import Text

THERAPY_CATEGORIES: dict[str, Text] = {
    "chemotherapy": Text("Chemotherapy", "Химиотерапия"),
    "immunotherapy": Text("Immunotherapy", "Иммунотерапия"),
    "chemoimmunotherapy": Text("Chemoimmunotherapy", "Химиоиммунотерапия"),
    "targeted": Text("Targeted therapy / TKI", "Таргетная терапия / ИТК"),
    "transplant": Text("Transplantation", "Трансплантация"),
    "cellular": Text("Cellular therapy", "Клеточная терапия"),
    "radiotherapy": Text("Radiotherapy", "Лучевая терапия"),
    "supportive": Text("Supportive care", "Сопроводительная терапия"),
    "other": Text("Other", "Другое"),
}

EVENT_TYPES: dict[str, Text] = {
    "diagnosis": Text("Diagnosis", "Диагноз"),
    "relapse": Text("Relapse", "Рецидив"),
    "remission": Text("Remission", "Ремиссия"),
    "transplant": Text("Transplant", "Трансплантация"),
    "infusion": Text("Infusion", "Инфузия"),
    "complication": Text("Complication", "Осложнение"),
    "imaging": Text("Imaging", "Визуализация"),
    "follow-up": Text("Follow-up", "Наблюдение"),
    "death": Text("Death", "Смерть"),
    "other": Text("Other", "Другое"),
}

#: Sites are open-ended; these are the ones with a label. Unknown sites show as written
#: (and the pre-flight says so). An event's site may list several codes: "marrow,testis".
SITES: dict[str, Text] = {
    "marrow": Text("bone marrow", "костный мозг"),
    "cns": Text("CNS", "ЦНС"),
    "csf": Text("cerebrospinal fluid", "ликвор"),
    "blood": Text("peripheral blood", "периферическая кровь"),
    "lymph_nodes": Text("lymph nodes", "лимфатические узлы"),
    "cervical_nodes": Text("cervical lymph nodes", "шейные лимфатические узлы"),
    "mandibular_nodes": Text("mandibular lymph nodes", "нижнечелюстные лимфатические узлы"),
    "supraclavicular_nodes": Text("supraclavicular lymph nodes",
                                  "надключичные лимфатические узлы"),
    "axillary_nodes": Text("axillary lymph nodes", "подмышечные лимфатические узлы"),
    "mediastinal_nodes": Text("mediastinal lymph nodes", "медиастинальные лимфатические узлы"),
    "abdominal_nodes": Text("abdominal lymph nodes", "абдоминальные лимфатические узлы"),
    "retroperitoneal_nodes": Text("retroperitoneal lymph nodes",
                                  "забрюшинные лимфатические узлы"),
    "inguinal_nodes": Text("inguinal lymph nodes", "паховые лимфатические узлы"),
    "mediastinum": Text("mediastinum", "средостение"),
    "spleen": Text("spleen", "селезёнка"),
    "liver": Text("liver", "печень"),
    "lung": Text("lung", "лёгкое"),
    "pleura": Text("pleura", "плевра"),
    "bone": Text("bone", "кость"),
    "soft_tissue": Text("soft tissue", "мягкие ткани"),
    "testis": Text("testis", "яичко"),
    "ovary": Text("ovary", "яичник"),
    "breast": Text("breast", "молочная железа"),
    "kidney": Text("kidney", "почка"),
    "stomach": Text("stomach", "желудок"),
    "gut": Text("intestine", "кишечник"),
    "tonsil": Text("tonsil", "миндалина"),
    "thyroid": Text("thyroid", "щитовидная железа"),
    "eye": Text("eye", "глаз"),
    "eyelids": Text("eyelids", "веки"),
    "nose": Text("nasal cavity", "полость носа"),
    "skin": Text("skin", "кожа"),
    "mucosa": Text("mucosa", "слизистые"),
}

MEASUREMENT_KINDS: dict[str, Text] = {
    "marrow_blasts": Text("Marrow blasts", "Бласты в костном мозге"),
    "bcr_abl": Text("BCR-ABL/ABL", "BCR-ABL/ABL"),
    "mrd": Text("MRD (method not stated)", "МОБ (метод не указан)"),
    "mrd_flow": Text("MRD (flow cytometry)", "МОБ (проточная цитометрия)"),
    "mrd_pcr": Text("MRD (RT-PCR)", "МОБ (ОТ-ПЦР)"),
    "chimerism": Text("Donor chimerism", "Донорский химеризм"),
    "wbc": Text("WBC", "Лейкоциты"),
    "plt": Text("Platelets", "Тромбоциты"),
    "cd19": Text("CD19 expression", "Экспрессия CD19"),
    "cd22": Text("CD22 expression", "Экспрессия CD22"),
    "hb": Text("Haemoglobin", "Гемоглобин"),
    "ldh": Text("LDH", "ЛДГ"),
    "other": Text("Other", "Другое"),
}

#: Units with a label in each language; other units are shown as written (pre-flight).
UNITS: dict[str, Text] = {
    "%": Text("%", "%"),
    "copies": Text("copies", "копий"),
    "×10⁶/L": Text("×10⁶/L", "×10⁶/л"),
    "×10⁹/L": Text("×10⁹/L", "×10⁹/л"),
    "×10¹²/L": Text("×10¹²/L", "×10¹²/л"),
    "g/L": Text("g/L", "г/л"),
    "U/L": Text("U/L", "Ед/л"),
    "mg/kg": Text("mg/kg", "мг/кг"),
    "mg/m²": Text("mg/m²", "мг/м²"),
    "Gy": Text("Gy", "Гр"),
    "cells/μL": Text("cells/μL", "клеток/мкл"),
}

#: Results reported without a number (``Measurement.result``).
RESULTS: dict[str, Text] = {
    "negative": Text("negative", "отрицательный"),
    "positive": Text("positive", "положительный"),
    "complete": Text("complete", "полный"),
    "mixed": Text("mixed", "смешанный"),
}

#: Responses recorded on a therapy or a PET study. Free text is allowed too.
RESPONSES: dict[str, Text] = {
    "CR": Text("complete remission", "полная ремиссия"),
    "CRi": Text("complete remission with incomplete haematological recovery",
                "полная ремиссия с неполным восстановлением показателей крови"),
    "CR MRD-": Text("MRD-negative complete remission", "МОБ-негативная полная ремиссия"),
    "CR MRD+": Text("complete remission, MRD-positive", "полная ремиссия, МОБ-позитивная"),
    "MRD-": Text("MRD-negative", "МОБ-негативный статус"),
    "MRD+": Text("MRD-positive", "МОБ-позитивный статус"),
    "CMR": Text("complete metabolic response", "полный метаболический ответ"),
    "PMR": Text("partial metabolic response", "частичный метаболический ответ"),
    "NMR": Text("no metabolic response", "нет метаболического ответа"),
    "SMD": Text("stable metabolic disease", "стабильное метаболическое заболевание"),
    "PMD": Text("progressive metabolic disease", "прогрессирующее метаболическое заболевание"),
    "PR": Text("partial response", "частичный ответ"),
    "SD": Text("stable disease", "стабилизация"),
    "PD": Text("progression", "прогрессирование"),
    "NR": Text("no response", "нет ответа"),
}

SECTIONS: dict[str, Text] = {
    "summary": Text("Summary", "Резюме"),
    "question": Text("Question for the board", "Вопрос к консилиуму"),
    "introduction": Text("Introduction", "Введение"),
    "presentation": Text("Case presentation", "Описание случая"),
    "discussion": Text("Discussion", "Обсуждение"),
    "conclusion": Text("Conclusion", "Заключение"),
    "patient_perspective": Text("Patient perspective", "Точка зрения пациента"),
}

#: Cell of origin of a diffuse large B-cell lymphoma: by immunohistochemistry (Hans:
#: GCB / non-GCB) or by gene expression (GCB / ABC / unclassified).
CELL_OF_ORIGIN: dict[str, Text] = {
    "GCB": Text("germinal centre B-cell (GCB)", "из B-клеток герминального центра (GCB)"),
    "non-GCB": Text("non-germinal centre (non-GCB)", "не из герминального центра (non-GCB)"),
    "ABC": Text("activated B-cell (ABC)", "из активированных B-клеток (ABC)"),
    "unclassified": Text("unclassified", "неклассифицируемый"),
}

#: The response criteria a case's PET studies are judged by (``Case.pet_criteria``,
#: core.pet.verdict): chosen by the diagnosis, or named.
PET_CRITERIA: dict[str, Text] = {
    "auto": Text("by the diagnosis: Lugano 2014 for a lymphoma, else PERCIST 1.0",
                 "по диагнозу: Lugano 2014 при лимфоме, иначе PERCIST 1.0"),
    "lugano": Text("Lugano 2014, Deauville", "Lugano 2014, Deauville"),
    "percist": Text("PERCIST 1.0", "PERCIST 1.0"),
}

FINDING_KINDS = ("immunophenotype", "karyotype", "molecular", "other")
SEXES: dict[str, Text] = {"F": Text("female", "женщина"), "M": Text("male", "мужчина")}


def label(table: dict[str, Text], code: str | None, lang: str) -> str:
    """The label of a code in a language; an unknown code is shown as written."""
    if code is None:
        return ""
    text = table.get(code)
    return (text.get(lang) if text else None) or code


def site_codes(site: str | None) -> list[str]:
    """The codes of an event's site: "marrow,testis" → ["marrow", "testis"]; a site that
    is not a list of known codes is one value, as written."""
    if not site:
        return []
    parts = [p.strip() for p in site.split(",")]
    return parts if all(p in SITES for p in parts) else [site]


def site_label(site: str | None, lang: str) -> str:
    """An event's site in ``lang``: each code of a list labelled, other text as written."""
    return ", ".join(label(SITES, c, lang) for c in site_codes(site))


def unit_label(unit: str | None, lang: str) -> str:
    return label(UNITS, unit, lang)

#: Headings and field names shared by the screen, the PDF, the slides and the terminal.
FIELDS: dict[str, Text] = {
    "patient": Text("Patient", "Пациент"),
    "sex": Text("Sex", "Пол"),
    "age_at_diagnosis": Text("Age at diagnosis", "Возраст на момент диагноза"),
    "years": Text("years", "лет"),
    "weight": Text("Weight", "Масса тела"),
    "height": Text("Height", "Рост"),
    "diagnosis": Text("Diagnosis", "Диагноз"),
    "immunophenotype": Text("Immunophenotype", "Иммунофенотип"),
    "karyotype": Text("Karyotype", "Кариотип"),
    "molecular": Text("Molecular findings", "Молекулярные данные"),
    "stage": Text("Stage", "Стадия"),
    "ipi": Text("IPI", "IPI"),
    "cell_of_origin": Text("Cell of origin", "Клеточное происхождение"),
    "pet_criteria": Text("PET response criteria", "Критерии ответа ПЭТ"),
    "findings": Text("Later findings", "Последующие находки"),
    "therapies": Text("Therapies", "Терапия"),
    "cycles": Text("Cycles", "Курсов"),
    "response": Text("Response", "Ответ"),
    "ongoing": Text("ongoing", "продолжается"),
    "events": Text("Course", "Течение"),
    "measurements": Text("Measurements", "Показатели"),
    "pet_studies": Text("PET studies", "ПЭТ-исследования"),
    "lesion": Text("Lesion", "Очаг"),
    "visual_response": Text("Visual response", "Визуальная оценка ответа"),
    "pet_response": Text("PET response", "Ответ по ПЭТ"),
    "new_lesions": Text("New lesions", "Новые очаги"),
    "references": Text("References", "Литература"),
    "consent": Text("Informed consent", "Информированное согласие"),
    "consent_yes": Text("obtained", "получено"),
    "consent_no": Text("not obtained", "не получено"),
    "not_reported": Text("not reported", "не указано"),
    "missing_translation": Text("[no English text]", "[нет текста на русском]"),  # window only
    "not_given": Text("not given", "не указано"),
    "tags": Text("Tags", "Метки"),
    "code": Text("Code", "Код"),
    "title": Text("Title", "Название"),
    "initials": Text("Initials", "Инициалы"),
    "record_number": Text("Record number", "Номер истории болезни"),
    "birth_date": Text("Date of birth", "Дата рождения"),
    "date": Text("Date", "Дата"),
    "name": Text("Name", "Название"),
    "note": Text("Note", "Примечание"),
    "category": Text("Category", "Категория"),
    "start": Text("Start", "Начало"),
    "end": Text("End", "Окончание"),
    "type": Text("Type", "Тип"),
    "label": Text("Label", "Подпись"),
    "site": Text("Site", "Локализация"),
    "kind": Text("Kind", "Показатель"),
    "value": Text("Value", "Значение"),
    "unit": Text("Unit", "Ед. изм."),
    "result": Text("Result", "Результат"),
    "marker": Text("Marker", "Маркер"),
    "dim": Text("dim", "слабая экспрессия"),
    "image": Text("Image", "Изображение"),
    "deauville": Text("Deauville", "Deauville"),
    "liver_sul_mean": Text("Liver SULmean", "SULmean печени"),
    "liver_sul_sd": Text("Liver SUL SD", "SD SUL печени"),
    "liver_suv_max": Text("Liver SUVmax", "SUVmax печени"),
    "mediastinum_suv_max": Text("Mediastinum SUVmax", "SUVmax средостения"),
    "sul_max": Text("SULmax", "SULmax"),
    "sul_peak": Text("SULpeak", "SULpeak"),
    "suv_max": Text("SUVmax", "SUVmax"),
    "id": Text("ID", "ID"),
    "reference": Text("Reference", "Источник"),
    "yes": Text("yes", "да"),
    "no": Text("no", "нет"),
    "kg": Text("kg", "кг"),
    "cm": Text("cm", "см"),
    "deidentified": Text("De-identified", "Обезличено"),
    "diagnosed": Text("Diagnosed", "Дата диагноза"),
    "timeline": Text("Therapy timeline", "Временная шкала терапии"),
    "patient_and_diagnosis": Text("Patient and diagnosis", "Пациент и диагноз"),
    "pet": Text("PET before and after", "ПЭТ до и после"),
    "take_away": Text("Take-away", "Главное"),
    "no_anchor": Text("no diagnosis or transplant date to count time from",
                      "нет даты диагноза или трансплантации для отсчёта времени"),
    "before": Text("Before", "До"),
    "after": Text("After", "После"),
    "not_drawn": Text("not dated, not on the timeline", "без даты, не на шкале"),
    "no_timeline": Text("Timeline not drawn: {why}", "Временная шкала не построена: {why}"),
    "pet_error": Text("Comparison not possible: {why}", "Сравнение невозможно: {why}"),
    "pet_images": Text("PET images", "Изображения ПЭТ"),
    "image_missing": Text("no image", "изображения нет"),
    "image_bad": Text("the image could not be read", "изображение не удалось прочитать"),
    **RESULTS,
    "case_at_a_glance": Text("Case at a glance", "Случай кратко"),
    "current_status": Text("Current status", "Текущий статус"),
    "latest": Text("Latest", "Последнее"),
    "question": Text("Question for the board", "Вопрос к консилиуму"),
    "key_pet": Text("Key PET result", "Главный результат ПЭТ"),
    "lines_of_therapy": Text("Lines of therapy", "Линии терапии"),
    "line": Text("Line", "Линия"),
    "regimen": Text("Regimen", "Схема"),
    "best_response": Text("Best response", "Лучший ответ"),
    "discussion_points": Text("Discussion points", "Вопросы для обсуждения"),
    "appendix_dates": Text("Appendix: how dates were derived",
                           "Приложение: как установлены даты"),
    "secondary": Text("secondary", "дополнительно"),
}


def field(name: str, lang: str) -> str:
    return FIELDS[name].get(lang) or name


def text_or_missing(text: Text, lang: str) -> str:
    """The text in ``lang``, or '' when the case lacks it in that language: an output
    leaves the field out (the pre-flight has said so), never prints a placeholder or
    the other language."""
    return text.get(lang) or ""


#: English one/many and Russian one/few/many forms, for counts a reader sees.
_PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "year": (("year", "years"), ("год", "года", "лет")),
    "cycle": (("cycle", "cycles"), ("цикл", "цикла", "циклов")),
    "case": (("case", "cases"), ("случай", "случая", "случаев")),
    "file": (("file", "files"), ("файл", "файла", "файлов")),
    "match": (("match", "matches"), ("совпадение", "совпадения", "совпадений")),
    "page": (("page", "pages"), ("страница", "страницы", "страниц")),
    "problem": (("problem", "problems"), ("проблема", "проблемы", "проблем")),
}


def count(n: int, noun: str, lang: str) -> str:
    """``31 years`` / ``31 год``, ``25 лет``, ``3 cycles`` / ``3 цикла``."""
    en, ru = _PLURALS[noun]
    if lang == "en":
        return f"{n} {en[0] if n == 1 else en[1]}"
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} {ru[0]}"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} {ru[1]}"
    return f"{n} {ru[2]}"


#: Words inside notation fields (karyotype, immunophenotype, molecular findings), each in
#: both languages: the notation itself (ISCN, CD markers, gene names) is never translated.
NOTATION_WORDS: dict[str, Text] = {
    "normal karyotype": Text("normal karyotype", "нормальный кариотип"),
    "complex karyotype": Text("complex karyotype", "сложный кариотип"),
    "immunohistochemistry": Text("immunohistochemistry", "иммуногистохимия"),
    "flow cytometry": Text("flow cytometry", "проточная цитометрия"),
    "mutation": Text("mutation", "мутация"),
    "negative": Text("negative", "отрицательный"),
    "positive": Text("positive", "положительный"),
    "not detected": Text("not detected", "не выявлено"),
}
_NORMAL_KARYOTYPE = re.compile(r"^46,X[XY](\[\d+\])?$")


def notation(value: str | None, lang: str, kind: str = "") -> str:
    """A notation value as a reader of ``lang`` sees it: the notation as written, its
    words (NOTATION_WORDS) in ``lang``; a normal karyotype (46,XX / 46,XY) says so."""
    if not value:
        return ""
    out = value
    for en, t in NOTATION_WORDS.items():
        out = re.sub(rf"\b{re.escape(en)}\b", t.get(lang) or en, out, flags=re.IGNORECASE)
    if kind == "karyotype" and _NORMAL_KARYOTYPE.match(value):
        out += f" ({NOTATION_WORDS['normal karyotype'].get(lang)})"
    return out
