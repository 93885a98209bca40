"""``case-presenter figure``: a slide-ready figure of one case, without opening a window.

    case-presenter figure CODE --out FILE [--kind timeline|pet] [--size WxH]
                               [--anchor calendar|diagnosis|transplant] [--lang en|ru]
                               [--anonymize]
    case-presenter figure CODE... --kind series --anchor ANCHOR [--rank RANK]
                               [--track KIND] --out FILE

The file type follows the suffix of FILE: ``.png``, ``.svg`` or ``.pdf``. Prints the path
written. A bad option ends with a usage message (exit status 2), a figure that cannot be
made with a one-line message (exit status 1).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from desktop.core.errors import CasePresenterError

PROG = "case-presenter"
KINDS = ("timeline", "pet", "series")
ANCHORS = ("calendar", "diagnosis", "transplant")
LANGS = ("en", "ru")
SUFFIXES = (".png", ".svg", ".pdf")
DEFAULT_SIZE = (1920, 1080)
MIN_SIDE = 200
MAX_SIDE = 10_000
_SIZE = re.compile(r"\s*(\d{1,6})\s*[x×X*]\s*(\d{1,6})\s*")


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` → (1920, 1080); ``argparse.ArgumentTypeError`` saying what is wrong."""
    m = _SIZE.fullmatch(text)
    if not m:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size: write WIDTHxHEIGHT in pixels, e.g. 1920x1080")
    w, h = int(m.group(1)), int(m.group(2))
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError(
            f"{text!r}: width and height must each be {MIN_SIDE}–{MAX_SIDE} pixels")
    return w, h


def figure_path(text: str) -> Path:
    """The output file; its suffix says the type (``argparse.ArgumentTypeError`` if none
    we write)."""
    path = Path(text)
    if path.suffix.lower() not in SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"{text!r}: unknown figure type {path.suffix or '(no suffix)'!r}; "
            f"end the file name in {', '.join(SUFFIXES)}")
    return path


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``figure`` command to ``subparsers`` (``ArgumentParser.add_subparsers()``).
    Its language is stored as ``figure_lang`` so it never clobbers the program's own
    ``--lang`` (which it falls back to)."""
    p = subparsers.add_parser(
        "figure", help="a 16:9 figure of a case for slides: timeline or PET comparison",
        description="Write the therapy timeline or the PET comparison of a case as a PNG, "
                    "SVG or PDF figure sized for a 16:9 slide. Prints the path written.")
    p.add_argument("code", metavar="CODE", nargs="+",
                   help="case code (several for --kind series)")
    p.add_argument("--kind", choices=KINDS, default="timeline",
                   help="what to draw (default: timeline)")
    p.add_argument("--out", type=figure_path, required=True, metavar="FILE",
                   help="file to write: .png, .svg or .pdf")
    p.add_argument("--size", type=parse_size, default=DEFAULT_SIZE, metavar="WxH",
                   help="size in pixels (default: 1920x1080)")
    p.add_argument("--anchor", default=None,
                   help="timeline: count time from calendar, diagnosis or transplant "
                        "(default: calendar; with --anonymize the transplant, else the "
                        "diagnosis); series: align on diagnosis, transplant, relapse, "
                        "infusion, therapy:NAME or event:TYPE (default: transplant)")
    p.add_argument("--rank", default="code",
                   help="series: order lanes by code, follow-up, relapse or event:TYPE")
    p.add_argument("--track", default=None, metavar="KIND",
                   help="series: a measurement strip under each lane, log scale "
                        "(mrd, marrow_blasts, ...)")
    p.add_argument("--lang", dest="figure_lang", choices=LANGS, default=None,
                   help="language of the figure (default: the program's --lang, else en)")
    p.add_argument("--anonymize", action="store_true",
                   help="de-identified: relative time only, no dates or identifiers")
    return p


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def run(store, args) -> int:
    """Run ``figure`` with the parsed ``args`` on the open library ``store``."""
    lang = getattr(args, "figure_lang", None) or getattr(args, "lang", None) or "en"
    from desktop.core.outfile import OutputError, check_target

    try:
        size = args.size if isinstance(args.size, tuple) else parse_size(str(args.size))
        out = figure_path(str(args.out))
        check_target(out)  # only a regular file is ever replaced
    except (argparse.ArgumentTypeError, OutputError) as e:
        return _error(str(e))
    if args.anonymize and args.anchor == "calendar":
        return _error("--anonymize shows relative time only: use --anchor transplant or "
                      "--anchor diagnosis (or leave --anchor out)")
    codes = args.code if isinstance(args.code, list) else [args.code]
    if args.kind == "series":
        return _series(store, args, codes, out, size, lang)
    if len(codes) > 1:
        return _error(f"--kind {args.kind} draws one case; give one code (or --kind series)")
    if args.kind == "pet" and args.anchor is not None:
        return _error("--anchor applies to --kind timeline only")
    if args.anchor is not None and args.anchor not in ANCHORS:
        return _error(f"--anchor must be one of {', '.join(ANCHORS)} for a timeline")
    if not out.parent.is_dir():
        return _error(f"{out}: folder {out.parent} does not exist")
    try:
        case = store.get(codes[0])
        if args.kind == "timeline":
            from desktop.gui.timeline.figure import render_timeline_figure

            path = render_timeline_figure(case, out_path=out, size=size, anchor=args.anchor,
                                          lang=lang, anonymize=args.anonymize)
        else:
            try:
                from desktop.gui.pet.view import render_pet_figure
            except ImportError as e:
                return _error(f"PET figures are not available: {e}")
            path = render_pet_figure(case, out_path=out, size=size, lang=lang,
                                     anonymize=args.anonymize)
    except CasePresenterError as e:
        return _error(str(e))
    except OSError as e:
        return _error(f"{out}: cannot write: {e.strerror or e}")
    print(path)
    return 0


def _series(store, args, codes: list[str], out: Path, size: tuple[int, int], lang: str) -> int:
    """``--kind series``: several cases aligned on ``--anchor``, de-identified."""
    if not out.parent.is_dir():
        return _error(f"{out}: folder {out.parent} does not exist")
    try:
        cases = [store.get(c) for c in dict.fromkeys(codes)]
        from desktop.gui.series.figure import render_series_figure

        path = render_series_figure(cases, anchor=args.anchor or "transplant", out_path=out,
                                    size=size, lang=lang, track=args.track,
                                    rank=args.rank or "code")
    except CasePresenterError as e:
        return _error(str(e))
    except OSError as e:
        return _error(f"{out}: cannot write: {e.strerror or e}")
    print(path)
    return 0
