"""``case-presenter``: the command line, on the core. Without a command it opens the GUI.

Every failure a user can cause ends in one line naming the file and field, and a
non-zero exit status; a traceback goes to the log file, never to the terminal.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__, pet_cli
from desktop.core import casefile, outfile
from desktop.core.errors import CasePresenterError, OutdatedLibrary
from desktop.core.paths import default_db_path
from desktop.core.store import Store
from desktop.gui.exports import figure_cli
from desktop.report import cli as pdf_cli
from desktop.show import format_case
from desktop.slides import cli as slides_cli

log = logging.getLogger("case_presenter")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="case-presenter",
        description="Clinical case library: timelines, PET response, bilingual summaries. "
                    "Without a command, opens the window.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--db", type=Path, help=f"library file (default: $CASE_PRESENTER_DB or "
                                           f"{default_db_path().name} in the project folder)")
    p.add_argument("--lang", choices=("en", "ru"),
                   help="language of output (default: English; the window remembers its own)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("list", help="list the cases in the library")
    c.add_argument("--json", action="store_true", help="a JSON list of objects")
    c = sub.add_parser("search", help="find cases by words in English or Russian")
    c.add_argument("query", nargs="+")
    c.add_argument("--json", action="store_true")
    c = sub.add_parser("show", help="a readable summary of one case")
    c.add_argument("code")
    c = sub.add_parser("import", help="import .case.json files (each all or nothing)")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--replace", action="store_true", help="overwrite cases of the same code")
    c = sub.add_parser("export-json", help="write a case as a .case.json file")
    c.add_argument("code")
    c.add_argument("--out", help="file to write (default: standard output)")
    sub.add_parser("check", help="check the library's integrity")
    pdf_cli.add_parser(sub)
    slides_cli.add_parser(sub)
    figure_cli.add_parser(sub)
    pet_cli.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = args.db or default_db_path()
    try:
        if args.command is None:
            from desktop.gui import run  # Qt only when a window is wanted

            return run(db_path, lang=args.lang)
        args.lang = args.lang or "en"
        if args.command == "pet" and args.pet_command != "import":
            return pet_cli.run(None, args)  # reads DICOM only; the library is not opened
        with _open(db_path, readonly=args.command in READ_ONLY) as store:
            return COMMANDS[args.command](store, args)
    except CasePresenterError as e:
        print(f"case-presenter: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("case-presenter: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: say so briefly, keep the details in the log
        logfile = _log_crash()
        print(f"case-presenter: internal error ({type(e).__name__}: {e}); "
              f"details in {logfile}", file=sys.stderr)
        return 70


def _open(db_path: Path, *, readonly: bool) -> Store:
    """Commands that only read open the library read-only (so they work on read-only
    media); a new or outdated library is first created or upgraded by a writer."""
    if readonly and db_path.exists():
        try:
            return Store.open(db_path, readonly=True)
        except OutdatedLibrary:
            pass
    return Store.open(db_path)


def _log_crash() -> Path:
    import platformdirs

    folder = Path(platformdirs.user_log_dir("case-presenter", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    logfile = folder / "case-presenter.log"
    with logfile.open("a", encoding="utf-8") as f:
        f.write(traceback.format_exc() + "\n")
    return logfile


def _print_summaries(rows, as_json: bool, lang: str) -> None:
    if as_json:
        print(json.dumps([{"code": r.code, "title": r.title.to_dict(),
                           "diagnosis": r.diagnosis.to_dict(), "tags": list(r.tags)}
                          for r in rows], ensure_ascii=False, indent=2))
        return
    width = max((len(r.code) for r in rows), default=4)
    for r in rows:
        title = r.title.get(lang) or f"[{'no title' if lang == 'en' else 'нет названия'}]"
        print(f"{r.code:<{width}}  {title}")


def cmd_list(store: Store, args) -> int:
    rows = store.list_cases()
    _print_summaries(rows, args.json, args.lang)
    if not args.json:
        print(f"{len(rows)} case(s) in {store.path}", file=sys.stderr)
    return 0


def cmd_search(store: Store, args) -> int:
    rows = store.search(" ".join(args.query))
    _print_summaries(rows, args.json, args.lang)
    return 0 if rows else 1


def cmd_show(store: Store, args) -> int:
    print(format_case(store.get(args.code), args.lang))
    return 0


def cmd_import(store: Store, args) -> int:
    report = store.import_files(args.files, replace=args.replace)
    for code in report.imported:
        print(code)
        for m in report.mapped.get(code, []):
            print(f"  mapped {m}")
    for err in report.failed:
        print(f"case-presenter: not imported: {err}", file=sys.stderr)
    if report.backup:
        print(f"backup before import: {report.backup}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_export_json(store: Store, args) -> int:
    case = store.get(args.code)
    if args.out is None:
        sys.stdout.write(casefile.dumps(case))
    else:
        print(outfile.write_text(args.out, casefile.dumps(case)))
    return 0


def cmd_check(store: Store, args) -> int:
    problems = store.check()
    for p in problems:
        print(p)
    print(f"{store.path}: {len(store)} case(s), schema {store.user_version}: "
          + ("no problems found" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


READ_ONLY = {"list", "search", "show", "export-json", "check", "pdf", "slides", "figure"}
COMMANDS = {"list": cmd_list, "search": cmd_search, "show": cmd_show, "import": cmd_import,
            "export-json": cmd_export_json, "check": cmd_check,
            "pdf": lambda store, args: pdf_cli.run(store.path, args),
            "slides": slides_cli.run, "figure": figure_cli.run, "pet": pet_cli.run}
