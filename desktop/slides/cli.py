"""``case-presenter slides``: a PowerPoint deck of one or more cases.

    case-presenter slides CODE... --out FILE.pptx [--lang en|ru]
                                  [--anonymize | --no-anonymize] [--size 16:9|4:3]
                                  [--series [--anchor ANCHOR]]

De-identified unless ``--no-anonymize`` is given. Prints the path of the deck written;
every failure ends in a one-line message and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.core.errors import CasePresenterError
from desktop.core.model import LANGS
from desktop.slides.sizes import SIZES

PROG = "case-presenter"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``slides`` command to ``subparsers`` (``ArgumentParser.add_subparsers()``).
    Its language option is stored as ``slides_lang`` so that it never clobbers the
    program's own ``--lang``, which it defaults to."""
    p = subparsers.add_parser(
        "slides", help="an editable PowerPoint deck of one or more cases",
        description="Write a PowerPoint deck (.pptx) of the cases: title, patient and "
                    "diagnosis, therapy timeline, PET before and after, key measurements "
                    "and take-away, with the narrative in the speaker notes. "
                    "De-identified unless --no-anonymize is given.")
    p.add_argument("codes", nargs="+", metavar="CODE", help="case codes, in deck order")
    p.add_argument("--out", required=True, metavar="FILE.pptx",
                   help="the deck to write")
    p.add_argument("--lang", dest="slides_lang", choices=LANGS, default=None,
                   help="language of the slides (default: the program's --lang, else en)")
    p.add_argument("--anonymize", action=argparse.BooleanOptionalAction, default=True,
                   help="de-identify: no initials, record number or birth date, times "
                        "relative to transplant or diagnosis (default: on)")
    p.add_argument("--size", choices=tuple(SIZES), default="16:9",
                   help="slide shape (default: 16:9)")
    p.add_argument("--series", action="store_true",
                   help="open the deck with the cases as a series aligned on --anchor")
    p.add_argument("--strict", action="store_true",
                   help="treat the pre-flight's warnings (text missing in the language, "
                        "untranslated values, unknown codes…) as errors: write nothing")
    p.add_argument("--anchor", default=None,
                   help="with --series: diagnosis, transplant, relapse, infusion, "
                        "therapy:NAME or event:TYPE (default: transplant)")
    return p


def preflight_stops(cases, lang: str, strict: bool, ui_lang: str = "en") -> bool:
    """Print the pre-flight as warnings (errors with ``--strict``) in the program's
    output language ``ui_lang``; True when it stops."""
    from desktop.core.preflight import cli_messages

    lines, stop = cli_messages(cases, lang, strict, PROG, ui_lang)
    for line in lines:
        print(line, file=sys.stderr)
    return stop


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def run(store, args) -> int:
    """Run ``slides`` with the parsed ``args`` on the open library ``store``."""
    codes = list(dict.fromkeys(args.codes))
    unknown = [c for c in codes if c not in store]
    if unknown:
        which = ", ".join(unknown)
        return _error(f"no case with code {which} in {store.path or 'the library'}"
                      if len(unknown) == 1 else
                      f"no cases with codes {which} in {store.path or 'the library'}")
    if not args.out.strip():
        return _error("--out is empty: name the .pptx file to write")
    out = Path(args.out)
    if out.suffix.lower() != ".pptx":
        return _error(f"{out}: a deck is a PowerPoint file; give a name ending in .pptx")
    lang = args.slides_lang or getattr(args, "lang", None) or "en"
    from desktop.slides.deck import write_deck  # python-pptx only when a deck is made

    try:
        cases = [store.get(c) for c in codes]
        if preflight_stops(cases, lang, getattr(args, "strict", False),
                           getattr(args, "lang", None) or "en"):
            return 1
        if getattr(args, "anchor", None) and not getattr(args, "series", False):
            return _error("--anchor applies with --series only")
        series = (args.anchor or "transplant") if getattr(args, "series", False) else None
        path = write_deck(cases, out, lang=lang, anonymize=args.anonymize, size=args.size,
                          series=series,
                          warn=lambda m: print(f"{PROG}: warning: {m}", file=sys.stderr))
    except CasePresenterError as e:
        return _error(str(e))
    print(path)
    return 0
