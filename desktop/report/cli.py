"""``case-presenter pdf``: print-ready summaries from the command line.

    case-presenter pdf CODE... | --all [--lang en|ru|both] [--anonymize]
                                       [--paper a4|letter] [--out DIR|FILE.pdf] [--jobs N]
                                       [--series [--anchor ANCHOR]]

Prints the path of each file written; a progress line goes to standard error when it is a
terminal. Every failure ends in a one-line message and exit status 1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from desktop.core.errors import CasePresenterError, StoreError
from desktop.core.paths import default_reports_dir
from desktop.report.options import LANG_CHOICES, PAPER_NAMES

PROG = "case-presenter"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``pdf`` command to ``subparsers`` (``ArgumentParser.add_subparsers()``).
    Its language option is stored as ``pdf_lang`` so that it never clobbers the
    program's own ``--lang``."""
    p = subparsers.add_parser(
        "pdf", help="print-ready PDF summaries in English, Russian or both",
        description="Write a PDF summary of each case: A4 or US Letter, English, Russian or "
                    "both, optionally de-identified. Prints the path of each file.")
    p.add_argument("codes", nargs="*", metavar="CODE", help="case codes")
    p.add_argument("--all", dest="all_cases", action="store_true",
                   help="every case in the library")
    p.add_argument("--lang", dest="pdf_lang", choices=LANG_CHOICES, default="both",
                   help="language of the summary (default: both)")
    p.add_argument("--anonymize", action="store_true",
                   help="de-identified: no initials, record number or birth date; "
                        "time relative to transplant or diagnosis")
    p.add_argument("--paper", choices=PAPER_NAMES, default="a4",
                   help="paper size (default: a4)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help=f"folder to write to (default: {default_reports_dir()}); for one "
                        "case, a name ending in .pdf is the file itself")
    p.add_argument("--jobs", type=int, default=2, metavar="N",
                   help="worker processes (default: 2)")
    p.add_argument("--strict", action="store_true",
                   help="treat the pre-flight's warnings (text missing in the language, "
                        "untranslated values, unknown codes…) as errors: write nothing")
    p.add_argument("--series", action="store_true",
                   help="also a series page of the cases aligned on --anchor "
                        "(series-<anchor>-<lang>.pdf, de-identified)")
    p.add_argument("--anchor", default="transplant",
                   help="with --series: diagnosis, transplant, relapse, infusion, "
                        "therapy:NAME or event:TYPE (default: transplant)")
    return p


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def _preflight(store_path: Path, codes: list[str], args) -> bool:
    """The pre-flight of every case, printed; True when ``--strict`` stops the export."""
    from desktop.core.preflight import cli_messages
    from desktop.core.store import Store

    if not Path(store_path).is_file():
        return False  # write_pdfs says what is wrong with the library
    with Store.open(store_path, seed=False, readonly=True) as store:
        if any(c not in store for c in codes):
            return False  # write_pdfs names the unknown code: one error, nothing else
        cases = [store.get(c) for c in codes]
    lines, stop = cli_messages(cases, args.pdf_lang, getattr(args, "strict", False), PROG,
                               getattr(args, "lang", None) or "en")
    for line in lines:
        print(line, file=sys.stderr)
    return stop


def _codes(store_path: Path, args) -> list[str]:
    if args.all_cases and args.codes:
        raise CasePresenterError("give case codes or --all, not both")
    if args.all_cases:
        if not Path(store_path).is_file():
            raise StoreError(f"{store_path}: no case library there")
        from desktop.core.store import Store

        with Store.open(store_path, seed=False, readonly=True) as store:
            codes = store.codes()
        if not codes:
            raise CasePresenterError(f"{store_path}: the library has no cases")
        return codes
    if not args.codes:
        raise CasePresenterError("give one or more case codes, or --all")
    return list(args.codes)


def run(store_path: str | Path, args) -> int:
    """Run ``pdf`` with the parsed ``args`` on the library at ``store_path``."""
    from desktop.report.batch import BatchError, write_pdfs  # ReportLab only now

    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, path: Path) -> None:
        print(f"\r{PROG}: pdf {done}/{total} {path.name}\033[K", end="", file=sys.stderr,
              flush=True)

    try:
        codes = _codes(Path(store_path), args)
        target = _file_target(args.out, codes, args)
        if _preflight(Path(store_path), codes, args):
            return 1
        folder = _folder(target) if target else args.out or default_reports_dir()
        try:
            paths = write_pdfs(store_path, codes, folder, lang=args.pdf_lang,
                               anonymize=args.anonymize, paper=args.paper, jobs=args.jobs,
                               progress=progress if interactive else None)
            if target:
                paths = [_moved(paths[0], target)]
        finally:
            if target:
                shutil.rmtree(folder, ignore_errors=True)
    except BatchError as e:
        if interactive:
            print(file=sys.stderr)
        for p in e.written:
            print(p)
        for _, message in e.failures:
            print(f"{PROG}: not written: {message}", file=sys.stderr)
        return 1
    except CasePresenterError as e:
        if interactive:
            print(file=sys.stderr)
        return _error(str(e))
    if interactive:
        print(file=sys.stderr)
    for p in paths:
        print(p)
    if getattr(args, "series", False):
        try:
            print(_series(Path(store_path), codes, args))
        except CasePresenterError as e:
            return _error(str(e))
    return 0


def _file_target(out: Path | None, codes: list[str], args) -> Path | None:
    """The file ``--out`` names, when it names one (``….pdf``, not a folder): one case's
    summary is written there; with more cases it is refused before anything is written."""
    if out is None or out.suffix.lower() != ".pdf" or out.is_dir():
        return None
    if len(codes) != 1 or getattr(args, "series", False):
        what = "a series page" if len(codes) == 1 else f"{len(codes)} cases"
        raise CasePresenterError(f"--out {out} names one PDF file, but {what} would be "
                                 "written: give a folder instead")
    return out


def _folder(target: Path) -> Path:
    """A fresh folder beside ``target`` to write into (an existing file there of the
    summary's own name is never touched)."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".case-presenter-", dir=target.parent))
    except OSError as e:
        raise CasePresenterError(f"{target.parent}: cannot write there: "
                                 f"{e.strerror or e}") from None


def _moved(written: Path, target: Path) -> Path:
    """``written`` renamed to ``target``, replacing it at once (never half written)."""
    try:
        written.replace(target)
    except OSError as e:
        raise CasePresenterError(f"{target}: cannot be written: {e.strerror or e}") from None
    return target


def _series(store_path: Path, codes: list[str], args) -> Path:
    """The series page beside the summaries."""
    from desktop.core import outfile
    from desktop.core.series import parse_anchor
    from desktop.core.store import Store
    from desktop.report.series_page import SeriesPdf

    anchor = parse_anchor(args.anchor)
    with Store.open(store_path, seed=False, readonly=True) as store:
        cases = [store.get(c) for c in dict.fromkeys(codes)]
    data = SeriesPdf(cases, anchor.spec(), args.pdf_lang, args.paper).generate()
    slug = "".join(ch if ch.isalnum() else "-" for ch in anchor.spec())
    out = Path(args.out or default_reports_dir()) / f"series-{slug}-{args.pdf_lang}.pdf"
    return outfile.write_bytes(out, data)
