"""Labels only the slides use; every other label comes from ``desktop.core.vocab``.

A name found in ``vocab.FIELDS`` is taken from there, so a label moved into the core is
never written twice (a test holds ``SLIDES`` free of the core's labels).
"""

from __future__ import annotations

from desktop.core import vocab
from desktop.core.model import Text

SLIDES: dict[str, Text] = {
    "key_measurements": Text("Key measurements", "Ключевые показатели"),
    "continued": Text("{t} (continued)", "{t} (продолжение)"),
    "when": Text("When", "Когда"),
    "measurement": Text("Measurement", "Показатель"),
    "at_diagnosis": Text("at diagnosis", "на момент диагноза"),
    "cases": Text("{n} cases", "Случаев: {n}"),
    "no_dated": Text("no dated therapy or event", "нет датированных терапий и событий"),
    "measurements_lanes": Text("Measurements: see “{t}”.", "Показатели: см. «{t}»."),
    "undated": Text("Not dated, not on the timeline", "Без даты, не на шкале"),
    "no_values": Text("No lesion values reported: the response is the physician’s read.",
                      "Значения для очагов не приведены: ответ — по оценке врача."),
    "see_notes": Text("(more in the speaker notes)", "(продолжение — в заметках докладчика)"),
    "criteria": Text("Criteria", "Критерии"),
    "notes_explanation": Text("How the response was assessed", "Как оценён ответ"),
    "timeline_key": Text("key", "обозначения"),
    "dates": Text("Dates", "Даты"),
}


def text(name: str) -> Text:
    """The bilingual label ``name``: from ``vocab.FIELDS`` if the core has it, else ours."""
    return vocab.FIELDS.get(name) or SLIDES[name]


def get(name: str, lang: str, **fmt: object) -> str:
    """The label in ``lang``, with ``{placeholders}`` filled from ``fmt``."""
    s = text(name).get(lang) or name
    return s.format(**fmt) if fmt else s
