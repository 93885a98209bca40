"""Labels only the printed summary uses; every other label comes from ``desktop.core.vocab``.

A name found in ``vocab.FIELDS`` is taken from there (so a label moved into the core is
not written twice); the rest are the page furniture of a summary: headings of its own,
table columns, footer, captions.
"""

from __future__ import annotations

from desktop.core import vocab
from desktop.core.model import Text

REPORT: dict[str, Text] = {
    "case_summary": Text("Case summary", "Сводка случая"),
    "key_facts": Text("Key facts", "Основные сведения"),
    "pet_comparison": Text("PET comparison", "Сравнение ПЭТ"),
    "dates": Text("Dates", "Сроки"),
    "treatment": Text("Treatment", "Лечение"),
    "event": Text("Event", "Событие"),
    "study": Text("Study", "Исследование"),
    "liver": Text("Liver SULmean (SD)", "SULmean печени (SD)"),
    "consent_unknown": Text("not stated in the source", "не указано в источнике"),
    "page": Text("page {n} of {m}", "стр. {n} из {m}"),
    "exported": Text("exported {d}", "экспорт {d}"),
    "figure": Text("Figure {n}.", "Рисунок {n}."),
    "timeline_caption": Text(
        "Therapies, events and measurements on one time axis. Pale bar ends: the period a "
        "partial date allows; arrow: ongoing; whiskers: the span of a partial date; hollow "
        "marks: a result reported without a number.",
        "Терапия, события и показатели на одной оси времени. Бледные края полос — период, "
        "допускаемый неполной датой; стрелка — продолжается; усы — период неполной даты; "
        "полые значки — результат без числового значения."),
    "pet_caption": Text("{m} of each lesion, baseline and follow-up.",
                        "{m} каждого очага: исходное и контрольное исследование."),
    "baseline": Text("Baseline", "Исходно"),
    "follow_up": Text("Follow-up", "Контроль"),
    "no_dated": Text("no dated therapy, event or measurement",
                     "нет датированных терапий, событий и показателей"),
    "no_pet_pair": Text("one study only: nothing to compare",
                        "только одно исследование: сравнивать не с чем"),
    "pet_images_caption": Text(
        "PET images of the two studies. Maximum intensity projections made from DICOM share "
        "one SUV scale (the grey bar).",
        "Изображения ПЭТ обоих исследований. Проекции максимальной интенсивности, "
        "построенные по DICOM, имеют общую шкалу SUV (серая полоса)."),
}



def text(name: str) -> Text:
    """The bilingual label ``name``: from ``vocab.FIELDS`` if the core has it, else ours."""
    return vocab.FIELDS.get(name) or REPORT[name]


def known(name: str) -> bool:
    return name in vocab.FIELDS or name in REPORT


def get(name: str, lang: str) -> str:
    """The label in ``lang``; a name that is no label (``SULmax``) is printed as written."""
    return (text(name).get(lang) or name) if known(name) else name


def years(n: int, lang: str) -> str:
    """``31 years`` / ``31 год``, ``25 лет``, ``22 года``."""
    return vocab.count(n, "year", lang)
