"""Mutated case files for fuzzing the reader and the import, reproducible from a seed.

``generate_corpus(folder, n, seed)`` writes ``n`` files: first the hand-written hostile
ones (deep nesting, huge numbers, 1e999, NaN, lone surrogates, NUL and other control
characters, duplicate keys, odd dates, huge lists, wrong types, a BOM, UTF-16, invalid
UTF-8, a file over the size limit), then mutations of the seed cases: values replaced by
hostile or wrong-typed ones, keys dropped, added or written twice, lists emptied or
grown, and the text truncated, its bytes flipped, spans deleted or repeated. The same
seed gives the same files, byte for byte.

Run as a script to write a corpus: ``python -m tests.core.fuzz.generate FOLDER [N]``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.casefile import MAX_FILE_BYTES
from desktop.core.paths import seed_files

SEED = 20_240_610

#: Literals json.dumps cannot write; put in a document as "@@RAW<i>@@" and swapped in.
RAW = ["1e999", "-1e999", "NaN", "Infinity", "-Infinity", "9" * 5_000, "1" + "0" * 400,
       "1e-999", "4.2e1", "-0", "1E2", "[" * 40 + "]" * 40, "[" * 5_000 + "]" * 5_000,
       "{" + '"a":{' * 50 + "}" * 51]

#: Values a mutation puts anywhere: wrong types, out of range, hostile and odd texts.
VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 42.0, 42.5, -0.0, 1e308, 5e-324, 101, 2**53 + 1, 10**15,
    "", " ", "x", "abc", "A" * 12_000, "W" * 5_000, "\u202e\u200fمرحبا שלום 🧬 test",
    "tab\there", "line\r\nbreak", "line\nbreak", "\u2028sep\u2029", "\ufeffbom", "é" * 3,
    "e\u0301\u0301\u0301", "\x00", "nul\x00inside", "\x07bell", "\x1b[31mred", "\x7f", "\x85",
    "lone\rcr", "\ud800", "x\udfff", "\ufffe", "\uffff",
    "2014", "2014-03", "2014-03-09", "2016-11~", " 2014", "2014-03 ", "２０１４", "٢٠١٤-03",
    "2014-02-30", "2014-13", "1899", "2101", "2014-3", "2014~~", "~2014", "2014-03-09T00:00",
    "09.08.2018", "2014\n",
    [], {}, [None], [1, 2], {"en": None, "ru": None}, {"en": "x", "ru": "y"}, {"en": 1},
    {"xx": "y"}, {"en": "\x00"}, "CMR", "marrow", "F", "M", "chemotherapy", "relapse",
    "negative", "image/png", "-rf", ".", "..", "A" * 41, "case-presenter/2",
    *(f"@@RAW{i}@@" for i in range(len(RAW))),
]
INSERTS = [b"\x00", b"\xff", b"{", b"[", b"]", b'"', b"\\", b",", b"\xed\xa0\x80", b"\xef\xbb\xbf",
           b"\xc3", b"\n", b"\r", b"\t", b"null", b"1e999", b'"\\ud800"']


def hostile(doc: dict) -> list[tuple[str, bytes]]:
    """Hand-written files, each aimed at one way a reader has crashed or lied."""
    text = dump(doc, rng=None).decode("utf-8")
    case = doc["case"]

    def with_case(**changes: Any) -> bytes:
        return dump({"format": doc["format"], "case": {**case, **changes}}, rng=None)

    def swap(old: str, new: str) -> bytes:
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8", "surrogatepass")

    events, measurements = case["events"], case["measurements"]
    return [
        ("deep-10000", b"[" * 10_000 + b"]" * 10_000),
        ("deep-100000-objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
        ("deep-33-in-case", with_case(consent=_deep(31))),  # + document + case
        ("deep-32-in-case", with_case(consent=_deep(30))),
        ("int-5000-digits", swap('"consent": null', '"consent": ' + "9" * 5_000)),
        ("int-over-float", with_case(patient={**case["patient"], "age_at_diagnosis": 2**1100})),
        ("float-1e999", swap('"consent": null', '"consent": 1e999')),
        ("float-minus-1e999", swap('"consent": null', '"consent": -1e999')),
        ("float-1e-999", swap('"consent": null', '"consent": 1e-999')),
        ("nan", swap('"consent": null', '"consent": NaN')),
        ("infinity", swap('"consent": null', '"consent": Infinity')),
        ("lone-surrogate-escaped", swap('"references": [', '"references": ["\\ud800", ')),
        ("lone-surrogate-key", swap('"consent": null', '"consent": null, "\\udfff": 1')),
        ("lone-surrogate-raw", swap('"references": [', '"references": ["\ud800", ')),
        ("nul-escaped", swap('"references": [', '"references": ["a\\u0000b", ')),
        ("nul-raw-byte", swap('"references": [', '"references": ["a\x00b", ')),
        ("control-chars", with_case(tags=["\x01\x02\x03\x1b[2J"])),
        ("bare-cr", with_case(tags=["one\rtwo"])),
        ("c1-control", with_case(tags=["\x85\x9f"])),
        ("noncharacter", with_case(tags=["\uffff"])),
        ("dup-key-root", swap('"format": ', '"format": "x", "format": ')),
        ("dup-key-case", swap('"code": ', '"code": "A", "code": ')),
        ("dup-key-same-value", swap('"consent": null', '"consent": null, "consent": null')),
        ("date-leading-space", with_case(diagnosis={**case["diagnosis"], "date": " 2011-11"})),
        ("date-trailing-newline", with_case(diagnosis={**case["diagnosis"], "date": "2011\n"})),
        ("date-fullwidth", with_case(diagnosis={**case["diagnosis"], "date": "２０１１"})),
        ("date-arabic-indic", with_case(diagnosis={**case["diagnosis"], "date": "٢٠١١-11"})),
        ("date-dotted", with_case(diagnosis={**case["diagnosis"], "date": "09.08.2018"})),
        ("cycles-42.0", with_case(therapies=[{**case["therapies"][0], "cycles": 42.0}])),
        ("cycles-42.5", with_case(therapies=[{**case["therapies"][0], "cycles": 42.5}])),
        ("events-2001", with_case(events=(events * 2_001)[:2_001])),
        ("events-2000", with_case(events=(events * 2_000)[:2_000])),
        ("measurements-20001", with_case(measurements=(measurements * 20_001)[:20_001])),
        ("tags-100000", with_case(tags=["t"] * 100_000)),
        ("values-2000000", b'{"format": "case-presenter/1", "case": [' + b"0," * 2_000_000
         + b"0]}"),
        ("string-12000", with_case(diagnosis={**case["diagnosis"], "karyotype": "4" * 12_000})),
        ("wrong-types-everywhere", with_case(**{k: _wrong(v) for k, v in case.items()
                                                if k != "code"})),
        ("case-is-list", dump({"format": doc["format"], "case": []}, rng=None)),
        ("top-level-list", b"[1, 2, 3]"),
        ("top-level-string", b'"case"'),
        ("empty", b""),
        ("whitespace", b" \n\t "),
        ("truncated-half", text.encode()[: len(text) // 2]),
        ("bom-utf8", b"\xef\xbb\xbf" + text.encode()),
        ("bom-twice", b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode()),
        ("utf16", text.encode("utf-16")),
        ("utf32", text.encode("utf-32")),
        ("cp1251", text.encode("cp1251", "replace")),
        ("invalid-utf8", text.encode()[:50] + b"\xff\xfe" + text.encode()[50:]),
        ("utf8-encoded-surrogate", text.encode()[:50] + b"\xed\xa0\x80" + text.encode()[50:]),
        ("overlong-utf8", text.encode()[:50] + b"\xc0\xaf" + text.encode()[50:]),
        ("quote-escapes", b'"' + b'\\"' * 200_000),
        ("over-size-limit", b""),  # written sparse, MAX_FILE_BYTES + 1 long
    ]


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


def _wrong(value: Any) -> Any:
    """A value of another JSON type."""
    if isinstance(value, str):
        return 7
    if isinstance(value, list):
        return {"0": value[:1]}
    if isinstance(value, dict):
        return list(value)
    return "text"


def dump(doc: Any, rng: random.Random | None) -> bytes:
    """JSON bytes of ``doc``: RAW markers swapped in; escapes and layout vary with ``rng``."""
    ascii_only = rng is not None and rng.random() < 0.3
    indent = 2 if rng is not None and rng.random() < 0.2 else None  # None: the fast encoder
    text = json.dumps(doc, ensure_ascii=ascii_only, indent=indent, allow_nan=True)
    text = re.sub(r'"@@RAW(\d+)@@"', lambda m: RAW[int(m.group(1))], text)
    return text.encode("utf-8", "surrogatepass")


def _nodes(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path into ``value`` (the root excluded)."""
    found = []
    items = (value.items() if isinstance(value, dict)
             else enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        found.append((*path, key))
        found.extend(_nodes(item, (*path, key)))
    return found


def _parent(doc: Any, path: tuple) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def _replace(rng: random.Random, doc: Any) -> None:
    path = rng.choice(_nodes(doc))
    _parent(doc, path)[path[-1]] = rng.choice(VALUES)


def _delete(rng: random.Random, doc: Any) -> None:
    path = rng.choice(_nodes(doc))
    parent = _parent(doc, path)
    del parent[path[-1]]


def _add_key(rng: random.Random, doc: Any) -> None:
    dicts = [p for p in _nodes(doc) if isinstance(_parent(doc, (*p, 0)), dict)]
    if dicts:
        target = _parent(doc, (*rng.choice(dicts), 0))
        key = rng.choice(["colour", "sul_mx", "note", "date", "en", "", "\u0000", "\ud800"])
        target[key] = rng.choice(VALUES)


def _grow(rng: random.Random, doc: Any) -> None:
    lists = [p for p in _nodes(doc) if isinstance(_parent(doc, (*p, 0)), list)]
    lists = [p for p in lists if _parent(doc, (*p, 0))]
    if lists:
        target = _parent(doc, (*rng.choice(lists), 0))
        target.extend(target[:1] * rng.choice([1, 2, 100, 210, 501]))


def _empty(rng: random.Random, doc: Any) -> None:
    containers = [p for p in _nodes(doc) if isinstance(_parent(doc, (*p, 0)), list | dict)]
    if containers:
        _parent(doc, (*rng.choice(containers), 0)).clear()


DOC_MUTATIONS: list[Callable[[random.Random, Any], None]] = [
    _replace, _replace, _replace, _delete, _add_key, _grow, _empty]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 5, 20])):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(rng: random.Random, data: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    return data[:a] + data[a + rng.randrange(1, 400):]


def _repeat(rng: random.Random, data: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.randrange(1, 200))
    return data[:b] + data[a:b] * rng.choice([1, 2, 50]) + data[b:]


def _insert(rng: random.Random, data: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    return data[:a] + rng.choice(INSERTS) + data[a:]


def _dup_key(rng: random.Random, data: bytes) -> bytes:
    keys = list(re.finditer(rb'"[a-z_]+": ', data))
    if not keys:
        return data
    m = rng.choice(keys)
    return data[: m.start()] + m.group() + b"null, " + data[m.start():]


BYTE_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    _truncate, _flip, _flip, _cut, _repeat, _insert, _insert, _dup_key]


def _trimmed(doc: dict) -> dict:
    """The case cut to three items per list and one section: small files fuzz fast."""
    case = {k: (v[:3] if isinstance(v, list) else v) for k, v in doc["case"].items()}
    case["sections"] = {k: v for k, v in list(case["sections"].items())[:1]}
    return {"format": doc["format"], "case": case}


def mutant(rng: random.Random, base: dict) -> tuple[str, bytes]:
    """One mutated file: document mutations, byte mutations, or both."""
    doc = json.loads(json.dumps(base))
    mode = rng.choice(["doc", "doc", "both", "bytes"])
    names = []
    if mode != "bytes":
        for _ in range(rng.choice([1, 1, 2, 3])):
            op = rng.choice(DOC_MUTATIONS)
            op(rng, doc)
            names.append(op.__name__.strip("_"))
    data = dump(doc, rng)
    if mode != "doc":
        for _ in range(rng.choice([1, 1, 2])):
            op = rng.choice(BYTE_MUTATIONS)
            data = op(rng, data)
            names.append(op.__name__.strip("_"))
    return "-".join(names), data


def generate_corpus(folder: str | Path, n: int = 2_000, seed: int = SEED, *,
                    hand_written: bool = True) -> list[Path]:
    """Write ``n`` case files into ``folder`` (the hand-written hostile ones first, unless
    ``hand_written`` is false, then seeded mutations of the seed cases) and return their
    paths in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    full = [json.loads(p.read_text(encoding="utf-8")) for p in seed_files()]
    bases = full + [_trimmed(d) for d in full] * 4
    files = hostile(_trimmed(full[0]))[:n] if hand_written else []
    while len(files) < n:
        files.append(mutant(rng, rng.choice(bases)))
    paths = []
    for i, (name, data) in enumerate(files):
        path = folder / f"{i:04d}-{name[:60]}.case.json"
        with path.open("wb") as f:
            f.write(data)
            if name == "over-size-limit":
                f.truncate(MAX_FILE_BYTES + 1)
        paths.append(path)
    return paths


if __name__ == "__main__":
    out = generate_corpus(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2_000)
    print(f"{len(out)} files in {sys.argv[1]}")
