"""The ``.case.json`` file: reading with field-path errors, and writing.

Reading is strict: every field is checked for type and sense, an unknown key is an
error (a typo would otherwise be lost in silence), and the first problem is reported
with the file and the field path, e.g. ``pet_studies[0].lesions[1].sul_max``. A value
is taken as written or refused, never rewritten; what can crash plain ``json`` (deep
nesting, huge numbers, lone surrogates, duplicate keys) is refused by ``jsonread``.
The limits below are far beyond any real case and are listed in docs/case-format.md.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from desktop.core import jsonread, vocab
from desktop.core.dates import DateError, PartialDate
from desktop.core.errors import CaseFileError
from desktop.core.jsonread import join_path as _join
from desktop.core.model import (
    Case,
    Diagnosis,
    Event,
    Finding,
    Image,
    Lesion,
    Measurement,
    Patient,
    PetStudy,
    Text,
    Therapy,
)
from desktop.core.paths import CASE_FILE_SUFFIX
from desktop.core.text import message

FORMAT = "case-presenter/1"
SUFFIX = CASE_FILE_SUFFIX
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024
#: Most items a list may hold (docs/case-format.md, "Limits").
MAX_ITEMS = {"events": 2_000, "therapies": 500, "measurements": 20_000, "findings": 500,
             "pet_studies": 100, "lesions": 200, "tags": 100, "references": 500}
MAX_SECTION = 100_000  # characters per language of a section (summary, discussion …)
MAX_TEXT = 10_000      # characters of any other text: titles, labels, notes, karyotypes …
MAX_SUL = 100.0
MAX_STAGE = 40  # characters of a stage as written ("IVBE, bulky")
IMAGE_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
PERCENT_KINDS = {"marrow_blasts", "mrd_flow", "chimerism", "cd19", "cd22"}
CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
VISUAL_RESPONSES = ("CMR", "PMR", "SMD", "PMD")
DEAUVILLE = ("1", "2", "3", "4", "5", "X")
RESULTS = tuple(vocab.RESULTS)
PET_CRITERIA = tuple(vocab.PET_CRITERIA)  # core.pet.verdict.CRITERIA_CHOICES

T = TypeVar("T")
_EN_RU = frozenset(("en", "ru"))
_ISO_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?~?")

#: Why a value is refused, in both languages (``CaseFileError.text``).
MESSAGES: dict[str, Text] = {
    "not_object": Text("must be an object, got {kind}", "должно быть объектом, получено: {kind}"),
    "unknown_field": Text("unknown field (known: {known})",
                          "неизвестное поле (известные: {known})"),
    "required": Text("is required", "обязательно"),
    "not_list": Text("must be a list, got {kind}", "должно быть списком, получено: {kind}"),
    "not_text": Text("must be text, got {kind}", "должно быть текстом, получено: {kind}"),
    "too_long": Text("is longer than {max_len:,} characters", "длиннее {max_len:,} символов"),
    "too_many": Text("has more than {max:,} items; a real case never does",
                     "содержит больше {max:,} элементов; в реальном случае так не бывает"),
    "not_choice": Text("{value!r} is not one of: {allowed}", "{value!r} — не одно из: {allowed}"),
    "not_number": Text("must be a number, got {kind} {value!r}",
                       "должно быть числом, получено: {kind} {value!r}"),
    "not_integer": Text("must be a whole number, got {kind} {value!r}",
                        "должно быть целым числом, получено: {kind} {value!r}"),
    "out_of_range": Text("{value} is outside the plausible range {lo:g}–{hi:g}",
                         "{value} вне правдоподобного диапазона {lo:g}–{hi:g}"),
    "not_bool": Text("must be true, false or null, got {kind} {value!r}",
                     "должно быть true, false или null, получено: {kind} {value!r}"),
    "plain_text": Text('must be {{"en": …, "ru": …}}, got a plain text',
                       'должно быть {{"en": …, "ru": …}}, а не простым текстом'),
    "bad_format": Text("{fmt!r} is not a supported format; expected {expected!r}{hint}",
                       "{fmt!r} — неподдерживаемый формат; ожидался {expected!r}{hint}"),
    "newer_format": Text(" (written by a newer version of Case Presenter?)",
                         " (файл записан более новой версией Case Presenter?)"),
    "bad_code": Text("{code!r} must be letters, digits, '-', '_' or '.', "
                     "starting with a letter or digit",
                     "{code!r}: допустимы только латинские буквы, цифры, '-', '_' и '.', "
                     "и начинаться код должен с буквы или цифры"),
    "not_regular": Text("is not a regular file", "не является обычным файлом"),
    "unreadable": Text("cannot be read: {why}", "не читается: {why}"),
    "file_too_large": Text("is {mb:.0f} MB, larger than a case file can be ({limit} MB)",
                           "занимает {mb:.0f} МБ — больше, чем может быть файл случая "
                           "({limit} МБ)"),
    "needs_name": Text("needs a name in at least one language",
                       "нужно название хотя бы на одном языке"),
    "end_before_start": Text("{end} is before the start {start}", "{end} раньше начала {start}"),
    "needs_value": Text("needs a value, or a result ({results})",
                        "нужно значение или результат ({results})"),
    "peak_over_max": Text("SULpeak {peak} exceeds SULmax {max}",
                          "SULpeak {peak} больше SULmax {max}"),
    "used_twice": Text("{id!r} is used twice in this study",
                       "{id!r} встречается в этом исследовании дважды"),
    "not_base64": Text("is not base64-encoded image data",
                       "не является изображением в кодировке base64"),
    "image_too_large": Text("image is {mb:.1f} MB; the limit is {limit} MB",
                            "изображение занимает {mb:.1f} МБ; предел — {limit} МБ"),
    "not_image": Text("is not a {kind} image", "не является изображением {kind}"),
}
_KINDS: dict[type, Text] = {
    bool: Text("true/false", "true/false"),
    dict: Text("an object", "объект"), list: Text("a list", "список"),
    str: Text("text", "текст"),
    type(None): Text("null", "null"), int: Text("a number", "число"),
    float: Text("a number", "число"),
}


def refusal(key: str, *, source: str | None = None, path: str | None = None,
            **fields: Any) -> CaseFileError:
    """The ``CaseFileError`` of ``MESSAGES[key]`` with ``fields`` filled in."""
    text = message(MESSAGES[key], **fields)
    return CaseFileError(text.en or key, source=source, path=path, text=text)


class _Reader:
    """Walks one JSON object, turning each bad value into a ``CaseFileError``."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, key: str, **fields: Any) -> CaseFileError:
        """The error ``MESSAGES[key]`` (``fields`` filled in) at ``path`` in this file."""
        return refusal(key, source=self.source, path=path, **fields)

    def obj(self, value: Any, path: str, keys: tuple[str, ...], required=()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, "not_object", kind=_kind(value))
        if not value.keys() <= _keyset(keys):  # then find the first unknown key
            for key in value:
                if key not in keys:
                    raise self.fail(_join(path, key), "unknown_field", known=", ".join(keys))
        for key in required:
            if value.get(key) is None:
                raise self.fail(_join(path, key), "required")
        return value

    def list(self, value: Any, path: str, item: Callable[[Any, str], T]) -> list[T]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, "not_list", kind=_kind(value))
        limit = MAX_ITEMS[path.rpartition(".")[2]]
        if len(value) > limit:
            raise self.fail(path, "too_many", max=limit)
        return [item(v, f"{path}[{i}]") for i, v in enumerate(value)]

    def str(self, value: Any, path: str, *, required=False, max_len=MAX_TEXT) -> str | None:
        if value.__class__ is str and len(value) <= max_len:  # the usual case, at once
            return value
        if value is None:
            if required:
                raise self.fail(path, "required")
            return None
        if not isinstance(value, str):
            raise self.fail(path, "not_text", kind=_kind(value))
        if len(value) > max_len:
            raise self.fail(path, "too_long", max_len=max_len)
        return value

    def choice(self, value: Any, path: str, allowed, *, required=False) -> str | None:
        """One of ``allowed`` (a tuple, or a dict's keys)."""
        if value.__class__ is str and value in allowed and len(value) <= MAX_TEXT:
            return value
        s = self.str(value, path, required=required)
        if s is not None and s not in allowed:
            raise self.fail(path, "not_choice", value=_short(s), allowed=", ".join(allowed))
        return s

    def number(self, value: Any, path: str, lo: float, hi: float, *, integer=False):
        """A number in ``lo``–``hi``; for a whole number ``42.0`` is ``42`` (as in JSON
        Schema), ``42.5`` is refused."""
        kind = value.__class__
        if (kind is int or (kind is float and not integer)) and lo <= value <= hi:
            return value  # the usual case, at once (NaN and infinities fail the range)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, "not_integer" if integer else "not_number",
                            kind=_kind(value), value=_short(value))
        if not math.isfinite(value) or not lo <= value <= hi:
            raise self.fail(path, "out_of_range", value=value, lo=lo, hi=hi)
        if integer and isinstance(value, float):
            if not value.is_integer():
                raise self.fail(path, "not_integer", kind=_kind(value), value=value)
            return int(value)
        return value

    def bool(self, value: Any, path: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(path, "not_bool", kind=_kind(value), value=_short(value))

    def date(self, value: Any, path: str, *, required=False) -> PartialDate | None:
        """Exactly ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ASCII digits), maybe with ``~``:
        a space or another script's digits is refused, not tidied away."""
        s = value if value.__class__ is str and len(value) <= 40 else \
            self.str(value, path, required=required, max_len=40)
        if s is None:
            return None
        try:
            return _date(s)
        except DateError as e:
            raise CaseFileError(str(e), source=self.source, path=path, text=e.text) from None

    def text(self, value: Any, path: str, max_len: int = MAX_TEXT) -> Text:
        if value is None:
            return Text()
        if isinstance(value, dict) and value.keys() <= _EN_RU:  # the usual case, at once
            en, ru = value.get("en"), value.get("ru")
            if (en is None or (en.__class__ is str and len(en) <= max_len)) and \
                    (ru is None or (ru.__class__ is str and len(ru) <= max_len)):
                return Text(en, ru)
        if isinstance(value, str):
            raise self.fail(path, "plain_text")
        d = self.obj(value, path, ("en", "ru"))
        return Text(self.str(d.get("en"), f"{path}.en", max_len=max_len),
                    self.str(d.get("ru"), f"{path}.ru", max_len=max_len))


@functools.cache
def _keyset(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


@functools.lru_cache(maxsize=65536)
def _date(s: str) -> PartialDate:
    """The date ``s`` holds; ``DateError`` if it is not one. Remembered: the same dates
    come in file after file (a ``PartialDate`` cannot be changed, so one serves all)."""
    if not _ISO_DATE.fullmatch(s):
        raise DateError("not_iso", value=s)
    return PartialDate.parse_iso(s)


def _kind(value: Any) -> Text:
    kind = next((k for k in _KINDS if isinstance(value, k)), None)  # bool before int
    return _KINDS[kind] if kind else Text("a value", "значение")


class _Elided:
    def __init__(self, shown: str) -> None:
        self.shown = shown

    def __repr__(self) -> str:
        return self.shown


def _short(value: Any) -> Any:
    """``value`` as a message may quote it: texts cut at 60 characters, no whole lists."""
    if isinstance(value, str) and len(value) > 60:
        return value[:60] + "…"
    if isinstance(value, list | dict):
        return _Elided("[…]" if isinstance(value, list) else "{…}")
    return value


# --- reading -----------------------------------------------------------------

def loads(text: str | bytes, source: str = "<case file>") -> Case:
    """Parse a case file's text. Raises ``CaseFileError`` naming ``source`` and the field."""
    if len(text) > MAX_FILE_BYTES:
        raise refusal("file_too_large", source=source, mb=len(text) / 2**20,
                      limit=MAX_FILE_BYTES // 2**20)
    return _from_checked(jsonread.parse(text, source), source)


def load(path: str | Path) -> Case:
    """Read one ``.case.json`` file; only a regular file is opened for reading (a FIFO
    or a device would block or never end)."""
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise refusal("unreadable", source=str(p), why=e.strerror or str(e)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise refusal("not_regular", source=str(p))
        if st.st_size > MAX_FILE_BYTES:
            raise refusal("file_too_large", source=str(p), mb=st.st_size / 2**20,
                          limit=MAX_FILE_BYTES // 2**20)
        with os.fdopen(fd, "rb") as f:
            fd = -1  # closed with f
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise refusal("unreadable", source=str(p), why=e.strerror or str(e)) from None
    finally:
        if fd >= 0:
            os.close(fd)
    return loads(raw, source=str(p))


def from_document(data: Any, source: str = "<case file>") -> Case:
    """The case of a JSON document already in memory (e.g. the window's, to validate it)."""
    jsonread.check(data, source)
    return _from_checked(data, source)


def _from_checked(data: Any, source: str) -> Case:
    r = _Reader(source)
    doc = r.obj(data, "", ("format", "case"), required=("format", "case"))
    fmt = doc["format"]
    if fmt != FORMAT:
        hint = MESSAGES["newer_format"] if (
            isinstance(fmt, str) and fmt.startswith("case-presenter/")) else Text("", "")
        raise r.fail("format", "bad_format", fmt=_short(fmt), expected=FORMAT, hint=hint)
    return _case(r, doc["case"], "case")


def _case(r: _Reader, v: Any, p: str) -> Case:
    d = r.obj(v, p, ("code", "title", "tags", "patient", "diagnosis", "findings", "therapies",
                     "events", "measurements", "pet_studies", "sections", "references",
                     "consent", "pet_criteria"), required=("code",))
    code = r.str(d["code"], f"{p}.code", required=True, max_len=40)
    if not code or not set(code) <= CODE_CHARS or not code[0].isalnum():
        raise r.fail(f"{p}.code", "bad_code", code=code)
    sections_raw = d.get("sections") or {}
    r.obj(sections_raw, f"{p}.sections", tuple(vocab.SECTIONS))
    return Case(
        code=code,
        title=r.text(d.get("title"), f"{p}.title"),
        tags=r.list(d.get("tags"), f"{p}.tags",
                    lambda x, q: r.str(x, q, required=True, max_len=80)),
        patient=_patient(r, d.get("patient") or {}, f"{p}.patient"),
        diagnosis=_diagnosis(r, d.get("diagnosis") or {}, f"{p}.diagnosis"),
        findings=r.list(d.get("findings"), f"{p}.findings", lambda x, q: _finding(r, x, q)),
        therapies=r.list(d.get("therapies"), f"{p}.therapies", lambda x, q: _therapy(r, x, q)),
        events=r.list(d.get("events"), f"{p}.events", lambda x, q: _event(r, x, q)),
        measurements=r.list(d.get("measurements"), f"{p}.measurements",
                            lambda x, q: _measurement(r, x, q)),
        pet_studies=r.list(d.get("pet_studies"), f"{p}.pet_studies", lambda x, q: _pet(r, x, q)),
        sections={k: r.text(t, f"{p}.sections.{k}", MAX_SECTION)
                  for k, t in sections_raw.items()},
        references=r.list(d.get("references"), f"{p}.references",
                          lambda x, q: r.str(x, q, required=True)),
        consent=r.bool(d.get("consent"), f"{p}.consent"),
        pet_criteria=r.choice(d.get("pet_criteria"), f"{p}.pet_criteria",
                              PET_CRITERIA) or "auto",
    )


def _patient(r: _Reader, v: Any, p: str) -> Patient:
    d = r.obj(v, p, ("sex", "age_at_diagnosis", "initials", "record_number", "birth_date",
                     "weight_kg", "height_cm"))
    return Patient(
        sex=r.choice(d.get("sex"), f"{p}.sex", vocab.SEXES),
        age_at_diagnosis=r.number(d.get("age_at_diagnosis"), f"{p}.age_at_diagnosis", 0, 120,
                                  integer=True),
        initials=r.str(d.get("initials"), f"{p}.initials", max_len=20),
        record_number=r.str(d.get("record_number"), f"{p}.record_number", max_len=64),
        birth_date=r.date(d.get("birth_date"), f"{p}.birth_date"),
        weight_kg=r.number(d.get("weight_kg"), f"{p}.weight_kg", 0.5, 400),
        height_cm=r.number(d.get("height_cm"), f"{p}.height_cm", 30, 250),
    )


def _diagnosis(r: _Reader, v: Any, p: str) -> Diagnosis:
    d = r.obj(v, p, ("date", "name", "immunophenotype", "karyotype", "molecular", "note",
                     "stage", "ipi", "cell_of_origin"))
    return Diagnosis(
        date=r.date(d.get("date"), f"{p}.date"),
        name=r.text(d.get("name"), f"{p}.name"),
        immunophenotype=r.str(d.get("immunophenotype"), f"{p}.immunophenotype"),
        karyotype=r.str(d.get("karyotype"), f"{p}.karyotype"),
        molecular=r.str(d.get("molecular"), f"{p}.molecular"),
        note=r.text(d.get("note"), f"{p}.note"),
        stage=r.str(d.get("stage"), f"{p}.stage", max_len=MAX_STAGE),
        ipi=r.number(d.get("ipi"), f"{p}.ipi", 0, 5, integer=True),
        cell_of_origin=r.choice(d.get("cell_of_origin"), f"{p}.cell_of_origin",
                                vocab.CELL_OF_ORIGIN),
    )


def _finding(r: _Reader, v: Any, p: str) -> Finding:
    d = r.obj(v, p, ("date", "kind", "value", "note"), required=("kind", "value"))
    return Finding(
        date=r.date(d.get("date"), f"{p}.date"),
        kind=r.choice(d["kind"], f"{p}.kind", vocab.FINDING_KINDS, required=True),
        value=r.str(d["value"], f"{p}.value", required=True),
        note=r.text(d.get("note"), f"{p}.note"),
    )


def _therapy(r: _Reader, v: Any, p: str) -> Therapy:
    d = r.obj(v, p, ("name", "category", "start", "end", "cycles", "response", "note",
                     "ongoing"), required=("name", "category"))
    t = Therapy(
        name=r.text(d["name"], f"{p}.name"),
        category=r.choice(d["category"], f"{p}.category", vocab.THERAPY_CATEGORIES,
                          required=True),
        start=r.date(d.get("start"), f"{p}.start"),
        end=r.date(d.get("end"), f"{p}.end"),
        cycles=r.number(d.get("cycles"), f"{p}.cycles", 0, 1000, integer=True),
        response=r.str(d.get("response"), f"{p}.response", max_len=200),
        note=r.text(d.get("note"), f"{p}.note"),
        ongoing=bool(r.bool(d.get("ongoing"), f"{p}.ongoing")),
    )
    if not t.name:
        raise r.fail(f"{p}.name", "needs_name")
    if t.start and t.end and t.end.end() < t.start.start():
        raise r.fail(f"{p}.end", "end_before_start", end=str(t.end), start=str(t.start))
    return t


def _event(r: _Reader, v: Any, p: str) -> Event:
    d = r.obj(v, p, ("date", "type", "label", "site", "note"), required=("date", "type"))
    return Event(
        date=r.date(d["date"], f"{p}.date", required=True),
        type=r.choice(d["type"], f"{p}.type", vocab.EVENT_TYPES, required=True),
        label=r.text(d.get("label"), f"{p}.label"),
        site=r.str(d.get("site"), f"{p}.site", max_len=80),
        note=r.text(d.get("note"), f"{p}.note"),
    )


def _measurement(r: _Reader, v: Any, p: str) -> Measurement:
    d = r.obj(v, p, ("date", "kind", "value", "unit", "result", "note"),
              required=("date", "kind"))
    kind = r.str(d["kind"], f"{p}.kind", required=True, max_len=80)
    hi = 100 if kind in PERCENT_KINDS else 1e12
    m = Measurement(
        date=r.date(d["date"], f"{p}.date", required=True),
        kind=kind,
        value=r.number(d.get("value"), f"{p}.value", 0, hi),
        unit=r.str(d.get("unit"), f"{p}.unit", max_len=40),
        result=r.choice(d.get("result"), f"{p}.result", RESULTS),
        note=r.text(d.get("note"), f"{p}.note"),
    )
    if m.value is None and m.result is None:
        raise r.fail(f"{p}.value", "needs_value", results=", ".join(RESULTS))
    return m


def _lesion(r: _Reader, v: Any, p: str) -> Lesion:
    d = r.obj(v, p, ("id", "site", "sul_max", "sul_peak", "suv_max"), required=("id",))
    lesion = Lesion(
        id=r.str(d["id"], f"{p}.id", required=True, max_len=40),
        site=r.text(d.get("site"), f"{p}.site"),
        sul_max=r.number(d.get("sul_max"), f"{p}.sul_max", 0, MAX_SUL),
        sul_peak=r.number(d.get("sul_peak"), f"{p}.sul_peak", 0, MAX_SUL),
        suv_max=r.number(d.get("suv_max"), f"{p}.suv_max", 0, MAX_SUL),
    )
    if lesion.sul_max is not None and lesion.sul_peak is not None \
            and lesion.sul_peak > lesion.sul_max:
        raise r.fail(f"{p}.sul_peak", "peak_over_max", peak=lesion.sul_peak,
                     max=lesion.sul_max)
    return lesion


def _pet(r: _Reader, v: Any, p: str) -> PetStudy:
    d = r.obj(v, p, ("date", "label", "liver_sul_mean", "liver_sul_sd", "liver_suv_max",
                     "mediastinum_suv_max", "lesions", "new_lesions", "visual_response",
                     "deauville", "image", "note"), required=("date",))
    study = PetStudy(
        date=r.date(d["date"], f"{p}.date", required=True),
        label=r.text(d.get("label"), f"{p}.label"),
        liver_sul_mean=r.number(d.get("liver_sul_mean"), f"{p}.liver_sul_mean", 0, 20),
        liver_sul_sd=r.number(d.get("liver_sul_sd"), f"{p}.liver_sul_sd", 0, 20),
        liver_suv_max=r.number(d.get("liver_suv_max"), f"{p}.liver_suv_max", 0, 30),
        mediastinum_suv_max=r.number(d.get("mediastinum_suv_max"), f"{p}.mediastinum_suv_max",
                                     0, 30),
        lesions=r.list(d.get("lesions"), f"{p}.lesions", lambda x, q: _lesion(r, x, q)),
        new_lesions=r.bool(d.get("new_lesions"), f"{p}.new_lesions"),
        visual_response=r.choice(d.get("visual_response"), f"{p}.visual_response",
                                 VISUAL_RESPONSES),
        deauville=r.choice(d.get("deauville"), f"{p}.deauville", DEAUVILLE),
        image=_image(r, d.get("image"), f"{p}.image"),
        note=r.text(d.get("note"), f"{p}.note"),
    )
    seen: set[str] = set()
    for i, lesion in enumerate(study.lesions):
        if lesion.id in seen:
            raise r.fail(f"{p}.lesions[{i}].id", "used_twice", id=lesion.id)
        seen.add(lesion.id)
    return study


def _image(r: _Reader, v: Any, p: str) -> Image | None:
    if v is None:
        return None
    d = r.obj(v, p, ("media_type", "data"), required=("media_type", "data"))
    media_type = r.choice(d["media_type"], f"{p}.media_type", IMAGE_MAGIC, required=True)
    raw = r.str(d["data"], f"{p}.data", required=True, max_len=MAX_IMAGE_BYTES * 4 // 3 + 4)
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise r.fail(f"{p}.data", "not_base64") from None
    return Image(media_type, check_image(data, media_type, r.fail, f"{p}.data"))


def check_image(data: bytes, media_type: str, fail=None, path: str = "image") -> bytes:
    """Refuse what is not a PNG/JPEG of a sensible size; returns the bytes unchanged."""
    fail = fail or (lambda q, key, **fields: refusal(key, path=q, **fields))
    if len(data) > MAX_IMAGE_BYTES:
        raise fail(path, "image_too_large", mb=len(data) / 2**20,
                   limit=MAX_IMAGE_BYTES // 2**20)
    if not data.startswith(IMAGE_MAGIC[media_type]):
        raise fail(path, "not_image", kind=media_type.split("/")[1].upper())
    return data


# --- writing -----------------------------------------------------------------

def _d(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _t(value: Text) -> dict[str, str | None] | None:
    """A text with nothing in either language is ``null``, as it is read (never
    ``{"en": null, "ru": null}`` for a ``null``)."""
    return None if value.en is None and value.ru is None else value.to_dict()


def to_document(case: Case) -> dict[str, Any]:
    """The case as the JSON document of the format, every contract key present."""
    pt, dx = case.patient, case.diagnosis
    doc: dict[str, Any] = {"format": FORMAT, "case": {
        "code": case.code,
        "title": _t(case.title),
        "tags": list(case.tags),
        "patient": {"sex": pt.sex, "age_at_diagnosis": pt.age_at_diagnosis,
                    "initials": pt.initials, "record_number": pt.record_number,
                    "birth_date": _d(pt.birth_date), "weight_kg": pt.weight_kg,
                    "height_cm": pt.height_cm},
        "diagnosis": {"date": _d(dx.date), "name": _t(dx.name),
                      "immunophenotype": dx.immunophenotype, "karyotype": dx.karyotype,
                      "molecular": dx.molecular, "note": _t(dx.note), **_added(dx)},
        "findings": [{"date": _d(f.date), "kind": f.kind, "value": f.value, "note": _t(f.note)}
                     for f in case.findings],
        "therapies": [{"name": _t(t.name), "category": t.category, "start": _d(t.start),
                       "end": _d(t.end), "cycles": t.cycles, "response": t.response,
                       "note": _t(t.note), "ongoing": t.ongoing} for t in case.therapies],
        "events": [{"date": _d(e.date), "type": e.type, "label": _t(e.label), "site": e.site,
                    "note": _t(e.note)} for e in case.events],
        "measurements": [{"date": _d(m.date), "kind": m.kind, "value": m.value, "unit": m.unit,
                          "result": m.result, "note": _t(m.note)} for m in case.measurements],
        "pet_studies": [_pet_doc(s) for s in case.pet_studies],
        "sections": {k: _t(v) for k, v in case.sections.items()},
        "references": list(case.references),
        "consent": case.consent,
    }}
    if case.pet_criteria != "auto":  # added key: written only when it says something
        doc["case"]["pet_criteria"] = case.pet_criteria
    return doc


def _added(dx: Diagnosis) -> dict[str, Any]:
    """Fields added to the format after version 1 was published, written only when they
    hold a value: a file without them still reads in an older Case Presenter."""
    added = {"stage": dx.stage, "ipi": dx.ipi, "cell_of_origin": dx.cell_of_origin}
    return {k: v for k, v in added.items() if v is not None}


def _pet_doc(s: PetStudy) -> dict[str, Any]:
    return {
        "date": _d(s.date), "label": _t(s.label),
        "liver_sul_mean": s.liver_sul_mean, "liver_sul_sd": s.liver_sul_sd,
        "liver_suv_max": s.liver_suv_max, "mediastinum_suv_max": s.mediastinum_suv_max,
        "lesions": [{"id": x.id, "site": _t(x.site), "sul_max": x.sul_max,
                     "sul_peak": x.sul_peak, "suv_max": x.suv_max} for x in s.lesions],
        "new_lesions": s.new_lesions, "visual_response": s.visual_response,
        "deauville": s.deauville,
        "image": None if s.image is None else {
            "media_type": s.image.media_type,
            "data": base64.b64encode(s.image.data).decode("ascii")},
        "note": _t(s.note),
    }


def dumps(case: Case) -> str:
    return json.dumps(to_document(case), ensure_ascii=False, indent=2) + "\n"


def dump(case: Case, path: str | Path) -> Path:
    """Write atomically: a crash mid-write never leaves half a file behind."""
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    tmp.write_text(dumps(case), encoding="utf-8")
    tmp.replace(p)
    return p
