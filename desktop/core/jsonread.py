"""Reading JSON that may be hostile: every way a file can crash ``json`` becomes a refusal.

``json.loads`` recurses once per nesting level (RecursionError past ~1,000 levels), turns
``1e999`` into infinity and ``1e-999`` into 0, converts a 5,000-digit integer only to fail,
keeps the last of two equal keys, and lets lone surrogates and NUL through to the database,
the PDF and the slides. ``parse`` checks all of that before or while ``json`` reads, so
the caller gets either the values exactly as written or a ``CaseFileError`` naming the
file and the field (``case.events[3].note.en``), never another exception.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from desktop.core.errors import CaseFileError
from desktop.core.text import Text, message

MAX_DEPTH = 32           # a case file nests 6 levels deep
MAX_VALUES = 1_000_000   # values and keys in one file
MAX_ITEMS = 20_000       # items in any one list (the largest per-field cap)
MAX_DIGITS = 20          # digits of an integer; every range of the format fits in 13
MAX_STRING = 30_000_000  # characters of any text: a 20 MB image in base64, and some
UTF8_BOM = "\ufeff"

MESSAGES: dict[str, Text] = {
    "not_utf8": Text("is not UTF-8 text (byte {pos:,} cannot be read)",
                     "не является текстом в UTF-8 (байт {pos:,} не читается)"),
    "utf16": Text("is UTF-16 text; save it as UTF-8",
                  "записан в UTF-16; сохраните его в UTF-8"),
    "bad_json": Text("is not valid JSON (line {line}, column {col}: {why}); "
                     "the file may be truncated or not a case file",
                     "не является корректным JSON (строка {line}, столбец {col}: {why}); "
                     "файл может быть обрезан или не быть файлом случая"),
    "too_deep": Text("nests more than {max} levels deep (line {line}); a case file never does",
                     "вложенность глубже {max} уровней (строка {line}); "
                     "в файле случая так не бывает"),
    "too_many_values": Text("holds more than {max:,} values; a case file never does",
                            "содержит больше {max:,} значений; в файле случая так не бывает"),
    "long_number": Text("a number of {n:,} digits ({start}…) is far outside any range",
                        "число из {n:,} цифр ({start}…) далеко вне любого диапазона"),
    "huge_number": Text("{literal} is too large a number", "{literal} — слишком большое число"),
    "tiny_number": Text("{literal} is too small a number to keep (it would become 0)",
                        "{literal} — слишком малое число (оно стало бы нулём)"),
    "not_a_number": Text("{literal} is not a number", "{literal} — не число"),
    "duplicate_key": Text("appears twice in the same object",
                          "встречается в одном объекте дважды"),
    "control_char": Text("contains the control character {code} at character {pos:,}; "
                         "only tab and line breaks (LF or CR LF) are allowed",
                         "содержит управляющий символ {code} (символ {pos:,}); "
                         "допустимы только табуляция и перевод строки (LF или CR LF)"),
    "surrogate": Text("contains {code} at character {pos:,}: half of a surrogate pair, "
                      "not a character", "содержит {code} (символ {pos:,}): половину "
                      "суррогатной пары, а не символ"),
    "non_char": Text("contains {code} at character {pos:,}, which is not a character",
                     "содержит {code} (символ {pos:,}), который не является символом"),
    "too_long": Text("is longer than {max_len:,} characters", "длиннее {max_len:,} символов"),
    "too_many": Text("has more than {max:,} items", "содержит больше {max:,} элементов"),
}

#: A JSON string; an unterminated one runs to the end (linear time on any input).
_STRING = r'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)'
_STRINGS = re.compile(_STRING, re.S)
_TOKENS = re.compile(_STRING + r"|[][{},:]", re.S)
_NOT_BRACKET = re.compile(r"[^][{}]+")
_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}
#: What no text of a case may hold: control characters other than tab, LF and CR LF;
#: lone surrogates; U+FFFE/U+FFFF (XML, hence the slides, cannot hold them either).
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]|\r(?!\n)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: What ``_BAD_CHAR`` finds, but CR (checked as a count), found at C speed.
_REFUSED_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = re.compile(r"\\[bfru]")
#: Every byte but those that begin a refused character in UTF-8 (CR is counted apart).
_SUSPECT_BYTES = (set(range(0x20)) - {0x09, 0x0A, 0x0D}) | {0x7F, 0xC2, 0xEF}
_PLAIN_BYTES = bytes(b for b in range(256) if b not in _SUSPECT_BYTES)
_BOM = UTF8_BOM.encode()
_NOT_BRACKET_BYTES = bytes(b for b in range(256) if b not in b"[]{}")
_DELTA_BYTES = {ord(k): v for k, v in _DELTA.items()}


def refusal(key: str, source: str | None, path: str | None = None, **fields: Any
            ) -> CaseFileError:
    """The ``CaseFileError`` of ``MESSAGES[key]``, in English and Russian."""
    text = message(MESSAGES[key], **fields)
    return CaseFileError(text.en or key, source=source, path=path, text=text)


def join_path(path: str, key: str) -> str:
    """``path.key``; a key that is not a plain name is quoted and cut short: ``a["x y"]``.
    A path already long (deep nesting of long keys) ends in "…" rather than grow."""
    if len(path) > 240:
        return path if path.endswith("…") else path + "…"
    if _NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    shown = key if len(key) <= 40 else key[:40] + "…"
    return f"{path}[{json.dumps(shown)}]"


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text; a UTF-8 byte order mark is skipped (it is not part of any value)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refusal("utf16", source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise refusal("not_utf8", source, pos=e.start) from None
    return text[1:] if text.startswith(UTF8_BOM) else text


def parse(text: str | bytes, source: str) -> Any:
    """The JSON value of ``text`` with every string, key and number checked (see module)."""
    raw: str | bytes = text
    if isinstance(text, bytes):
        raw = text[len(_BOM):] if text.startswith(_BOM) else text
        text = decode(text, source)
    elif text.startswith(UTF8_BOM):
        raw = text = text[1:]
    fits = isinstance(raw, bytes) and _fits(raw)
    if not fits:
        _check_shape(text, source)
    try:
        value, odd = _loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        if fits:  # not JSON after all: a refusal of its shape comes first, as always
            _check_shape(text, source)
        if isinstance(e, RecursionError):
            raise
        raise refusal("bad_json", source, line=e.lineno, col=e.colno, why=e.msg) from None
    if odd or not plainly_clean(text, raw if isinstance(raw, bytes) else None):
        check(value, source)  # finds the first problem, with its path
    return value


def _loads(text: str) -> tuple[Any, bool]:
    """``json``'s value of ``text``, and whether it read a refused number or an object
    with a duplicate key (noted as it reads, rather than searched for afterwards)."""
    odd: list[Any] = []

    def noted(hook: Callable[[str], Any]) -> Callable[[str], Any]:
        def read(literal: str) -> Any:
            value = hook(literal)
            if type(value) is Refused:
                odd.append(value)
            return value
        return read

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _object(items)
        if len(obj) < len(items):
            odd.append(obj)
        return obj

    value = json.loads(text, parse_int=noted(_int), parse_float=noted(_float),
                       parse_constant=noted(_constant), object_pairs_hook=pairs)
    return value, bool(odd)


def plainly_clean(text: str, raw: bytes | None = None) -> bool:
    """Whether no string of the JSON ``text`` can hold what ``check`` refuses: no refused
    character anywhere (a CR only before an LF), no escape that could make one
    (``\\b \\f \\r \\u``), no text or list longer than the limits. Scanning the text
    once is far cheaper than checking each value; a file that fails it (or that json
    found a refused number or key in) is checked value by value. With its UTF-8 bytes
    ``raw``, the characters are looked for there first (a C loop over bytes)."""
    if len(text) > MAX_STRING or text.count(",") >= MAX_ITEMS or _ESCAPE.search(text) \
            or text.count("\r") != text.count("\r\n"):
        return False
    if raw is not None and not raw.translate(None, _PLAIN_BYTES):
        return True  # no C0 control or DEL, no C1 (C2 80–9F), no U+FFFE/U+FFFF (EF BF …)
    return _REFUSED_CHAR.search(text) is None


# --- before json reads: depth and size -----------------------------------------------

def _check_shape(text: str, source: str) -> None:
    """Refuse nesting ``json`` would recurse into too deeply, and files of countless values."""
    bare = _STRINGS.sub("", text)
    if bare.count(",") + bare.count(":") > MAX_VALUES:
        raise refusal("too_many_values", source, max=MAX_VALUES)
    brackets = _NOT_BRACKET.sub("", bare)
    if max(accumulate(map(_DELTA.__getitem__, brackets)), default=0) > MAX_DEPTH:
        pos, path = _too_deep_at(text)
        raise refusal("too_deep", source, path or None, max=MAX_DEPTH,
                      line=text.count("\n", 0, pos) + 1)


def _fits(raw: bytes) -> bool:
    """Whether the UTF-8 JSON ``raw`` is plainly within ``MAX_VALUES`` and ``MAX_DEPTH``,
    found with bytes operations at C speed: escaped backslashes and quotes dropped, the
    rest split at the quotes, so that every other part lies outside the strings. Only
    for valid JSON does this agree with ``_check_shape``, so ``parse`` asks that one
    whenever json then refuses the text."""
    parts = raw.replace(b"\\\\", b"").replace(b'\\"', b"").split(b'"')
    if len(parts) % 2 == 0:  # a string that never ends
        return False
    bare = b"".join(parts[::2])
    if bare.count(b",") + bare.count(b":") > MAX_VALUES:
        return False
    brackets = bare.translate(None, _NOT_BRACKET_BYTES)
    return max(accumulate(map(_DELTA_BYTES.__getitem__, brackets)), default=0) <= MAX_DEPTH


def _too_deep_at(text: str) -> tuple[int, str]:
    """Where nesting first passes ``MAX_DEPTH``, and the field path of that value."""
    stack: list[list[Any]] = []  # [bracket, key or index]
    last = '""'
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok[0] == '"':
            last = tok
        elif tok == ":" and stack:
            stack[-1][1] = _key(last)
        elif tok == "," and stack:
            stack[-1][1] = stack[-1][1] + 1 if stack[-1][0] == "[" else None
        elif tok in "[{":
            if len(stack) == MAX_DEPTH:
                return m.start(), _path(stack)
            stack.append([tok, 0 if tok == "[" else None])
        elif stack:
            stack.pop()
    return len(text), _path(stack)


def _key(token: str) -> str:
    try:
        return str(json.loads(token))
    except ValueError:
        return token.strip('"')


def _path(stack: list[list[Any]]) -> str:
    path = ""
    for bracket, at in stack:
        if bracket == "[":
            path += f"[{at}]"
        elif at is not None:
            path = join_path(path, at)
    return path


# --- while json reads: numbers and keys ----------------------------------------------

class Refused:
    """A value ``json`` read but the file may not hold; reported with its path later."""

    def __init__(self, key: str, **fields: Any) -> None:
        self.key, self.fields = key, fields


class _Object(dict):
    """An object in which ``duplicate`` appeared more than once."""

    duplicate: str


def _int(literal: str) -> int | Refused:
    digits = len(literal.lstrip("-"))
    if digits > MAX_DIGITS:
        return Refused("long_number", n=digits, start=literal[:12])
    return int(literal)


def _float(literal: str) -> float | Refused:
    if len(literal) > 4 * MAX_DIGITS:
        return Refused("long_number", n=sum(c.isdigit() for c in literal), start=literal[:12])
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        return Refused("huge_number", literal=literal)
    mantissa = literal.lower().partition("e")[0]
    if value == 0 and mantissa.strip("-0.") != "":
        return Refused("tiny_number", literal=literal)
    return value


def _constant(literal: str) -> Refused:
    return Refused("not_a_number", literal=literal)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = _Object(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        obj.duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))
    return obj


# --- after json reads: every value ---------------------------------------------------

def check(value: Any, source: str, path: str = "") -> None:
    """Refuse the first refused number, duplicate key, bad character or oversized list
    (also for a document made in memory, which ``json`` never read)."""
    if isinstance(value, str):
        _check_text(value, path, source)
    elif isinstance(value, Refused):
        raise refusal(value.key, source, path or None, **value.fields)
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise refusal("too_many", source, path or None, max=MAX_ITEMS)
        for i, item in enumerate(value):
            check(item, source, f"{path}[{i}]")
    elif isinstance(value, dict):
        if isinstance(value, _Object) and hasattr(value, "duplicate"):
            raise refusal("duplicate_key", source, join_path(path, value.duplicate))
        for key, item in value.items():
            where = join_path(path, key)
            _check_text(key, where, source)
            check(item, source, where)


def _check_text(s: str, path: str, source: str) -> None:
    if len(s) > MAX_STRING:
        raise refusal("too_long", source, path or None, max_len=MAX_STRING)
    m = _BAD_CHAR.search(s)
    if m:
        ch = m.group()[0]
        kind = ("surrogate" if "\ud800" <= ch <= "\udfff" else
                "non_char" if ch in "\ufffe\uffff" else "control_char")
        raise refusal(kind, source, path or None, code=char_name(ch), pos=m.start() + 1)


_CHAR_NAMES = {"\r": Text("carriage return", "возврат каретки"), "\x00": Text("NUL", "NUL"),
               "\x1b": Text("escape", "escape"), "\x7f": Text("delete", "delete")}


def char_name(ch: str) -> Text:
    """``U+0000`` and, for the common ones, a name: ``U+000D (carriage return)``."""
    code = f"U+{ord(ch):04X}"
    name = _CHAR_NAMES.get(ch)
    return Text(*(f"{code} ({n})" for n in (name.en, name.ru))) if name else Text(code, code)
