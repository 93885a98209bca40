"""``case-presenter``: the command line, on the core. Without a command it opens the GUI.

Every failure a user can cause ends in one line naming the file and field, and a
non-zero exit status; a traceback goes to the log file, never to the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.core.errors import CasePresenterError, OutdatedLibrary, StoreError
from desktop.core.library import as_target, is_url
from desktop.core.paths import default_db_path

if TYPE_CHECKING:
    from desktop.core.library import Library
    from desktop.core.store import Store


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width so that it needs no ``shutil``
    (which imports compression modules) to build parsers that usually print nothing."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


def _columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The program's parser; with ``only``, that entry of ``PARSERS`` alone (the others'
    modules are not imported), else every command (for help and mistyped commands)."""
    p = argparse.ArgumentParser(
        prog="case-presenter", formatter_class=_Formatter,
        description="Clinical case library: timelines, PET response, bilingual summaries. "
                    "Without a command, opens the window.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--db", help=f"library file, or a department library's postgresql:// URL "
                                f"(default: $CASE_PRESENTER_DB, else {default_db_path()})")
    p.add_argument("--lang", choices=("en", "ru"),
                   help="language of output (default: English; the window remembers its own)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, adder in PARSERS.items():
        if only in (None, name):
            module, _, function = adder.partition(":")
            getattr(importlib.import_module(module), function)(sub)
    return p


class _Parser(argparse.ArgumentParser):
    """A command's parser, with the program's formatter."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def add_library_commands(sub) -> None:
    """The commands on the library itself (``desktop/commands.py`` runs them)."""
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


LIBRARY_COMMANDS = ("list", "search", "show", "import", "export-json", "check")
#: Who adds each command's parser, as "module:function", in the order help lists them.
PARSERS = {"library": "desktop.cli:add_library_commands",
           "sync": "desktop.sync_cli:add_parser", "pdf": "desktop.report.cli:add_parser",
           "slides": "desktop.slides.cli:add_parser",
           "figure": "desktop.gui.exports.figure_cli:add_parser",
           "pet": "desktop.pet_cli:add_parser"}


def wanted_command(argv: Sequence[str]) -> str | None:
    """Which entry of ``PARSERS`` the command line needs, when plain to see without
    parsing: "" when it names no command (the window), ``None`` (every parser) for help
    or a word that is not a command."""
    words = iter(argv)
    for word in words:
        if word in ("--db", "--lang"):
            next(words, None)
        elif word in ("-h", "--help"):
            return None
        elif not word.startswith("-"):
            break
    else:
        return ""
    if word in LIBRARY_COMMANDS:
        return "library"
    return word if word in PARSERS and word != "library" else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(wanted_command(argv)).parse_args(argv)
    try:
        db_path = as_target(args.db)
        if args.command is None:
            from desktop.gui import run  # Qt only when a window is wanted

            if is_url(db_path):
                raise StoreError("the window opens a library file; to work with the department "
                                 "library, sync it: case-presenter sync URL")
            return run(db_path, lang=args.lang)
        args.lang = args.lang or "en"
        if args.command == "pet" and args.pet_command != "import":
            from desktop import pet_cli

            return pet_cli.run(None, args)  # reads DICOM only; the library is not opened
        if args.command == "sync":
            from desktop import sync_cli

            return sync_cli.run(db_path, args)
        with _open(db_path, readonly=args.command in READ_ONLY) as store:
            _refuse_writes(store, args.command)
            return command(args.command)(store, args)
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


def _open(db_path: str | Path, *, readonly: bool) -> Library:
    """Commands that only read open the library read-only (so they work on read-only
    media); a new or outdated library is first created or upgraded by a writer. A
    department library (a URL) knows from the role whether it may be written."""
    from desktop.core.library import open_library
    from desktop.core.store import Store

    if isinstance(db_path, str):
        return open_library(db_path)
    if readonly and db_path.exists():
        try:
            return Store.open(db_path, readonly=True)
        except OutdatedLibrary:
            pass
    return Store.open(db_path)


def _refuse_writes(store: Library, command: str) -> None:
    """A read-only role (residents, printing staff) gets a message, not an SQL error."""
    if not hasattr(store, "url"):
        return  # a library file
    if command not in READ_ONLY and store.readonly:
        raise StoreError(f"{store.where}: the role {store.user!r} may only read the department "
                         f"library, so `{command}` was refused; nothing was changed.")
    if command == "pdf":
        raise StoreError("pdf reads a library file; sync the department library to this "
                         "computer first (case-presenter --db FILE sync URL)")


def _log_crash() -> Path:
    import traceback

    import platformdirs

    folder = Path(platformdirs.user_log_dir("case-presenter", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    logfile = folder / "case-presenter.log"
    with logfile.open("a", encoding="utf-8") as f:
        f.write(traceback.format_exc() + "\n")
    return logfile


READ_ONLY = {"list", "search", "show", "export-json", "check", "pdf", "slides", "figure"}
#: Each command's function, as "module:function": its module is imported when it runs.
COMMANDS = {"list": "desktop.commands:cmd_list", "search": "desktop.commands:cmd_search",
            "show": "desktop.commands:cmd_show", "import": "desktop.commands:cmd_import",
            "export-json": "desktop.commands:cmd_export_json",
            "check": "desktop.commands:cmd_check", "pdf": "desktop.cli:run_pdf",
            "slides": "desktop.slides.cli:run", "figure": "desktop.gui.exports.figure_cli:run",
            "pet": "desktop.pet_cli:run"}


def command(name: str) -> Callable[[Store, argparse.Namespace], int]:
    module, _, function = COMMANDS[name].partition(":")
    return getattr(importlib.import_module(module), function)


def run_pdf(store: Store, args: argparse.Namespace) -> int:
    from desktop.report import cli as pdf_cli

    return pdf_cli.run(store.path, args)
