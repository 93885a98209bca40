"""The library commands of ``case-presenter`` (list, search, show, import, export-json,
check), on an open ``Store``. Kept apart from the parser so that ``--help`` and
``--version`` load none of this."""

from __future__ import annotations

import json
import sys

from desktop.core import vocab
from desktop.core.library import Library, where


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


def cmd_list(store: Library, args) -> int:
    rows = store.list_cases()
    _print_summaries(rows, args.json, args.lang)
    if not args.json:
        print(f"{vocab.count(len(rows), 'case', 'en')} in {where(store)}", file=sys.stderr)
    return 0


def cmd_search(store: Library, args) -> int:
    rows = store.search(" ".join(args.query))
    _print_summaries(rows, args.json, args.lang)
    return 0 if rows else 1


def cmd_show(store: Library, args) -> int:
    from desktop.show import format_case

    print(format_case(store.get(args.code), args.lang))
    return 0


def cmd_import(store: Library, args) -> int:
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


def cmd_export_json(store: Library, args) -> int:
    from desktop.core import casefile, outfile

    case = store.get(args.code)
    if args.out is None:
        sys.stdout.write(casefile.dumps(case))
    else:
        print(outfile.write_text(args.out, casefile.dumps(case)))
    return 0


def cmd_check(store: Library, args) -> int:
    problems = store.check()
    for p in problems:
        print(p)
    print(f"{where(store)}: {vocab.count(len(store), 'case', 'en')}, schema "
          f"{store.user_version}: " + ("no problems found" if not problems
                                       else vocab.count(len(problems), "problem", "en")))
    return 1 if problems else 0
