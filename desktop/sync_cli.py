"""``case-presenter --db LOCAL sync URL [--resolve CODE=mine|theirs|both ...]``.

One line per case sent, fetched or deleted, one per conflict with how to resolve it; the
department library is reached before the local one is opened, so a bad URL or a server
out of reach leaves the local library untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.core.errors import StoreError
from desktop.core.resolutions import CHOICES
from desktop.core.store.urls import is_url

SHOWN = {"send": "sent", "fetch": "fetched", "delete there": "deleted there",
         "delete here": "deleted here", "held": "held (read-only role)"}


def add_parser(subparsers) -> argparse.ArgumentParser:
    c = subparsers.add_parser(
        "sync", help="send this library's changes to the department library and fetch its own",
        description="Sync the library file (--db) with a department library on PostgreSQL, "
                    "case by case. A case changed on both sides is a conflict: nothing is "
                    "overwritten until you choose. Safe to interrupt; run it again to finish.")
    c.add_argument("url", help="the department library, postgresql://user@server/database")
    c.add_argument("--resolve", action="append", default=[], metavar="CODE=" + "|".join(CHOICES),
                   help="settle a conflict: keep mine, keep theirs, or both (theirs keeps the "
                        "code, mine is kept under a new code); may be repeated")
    return c


def run(db_path: str | Path, args) -> int:
    if is_url(db_path):
        raise StoreError("sync copies between a library file on this computer (--db) and a "
                         "department library; --db must be a file, not a URL")
    if not is_url(args.url):
        raise StoreError(f"{args.url!r} is not a department library URL "
                         "(postgresql://user@server/database)")
    from desktop.core.store import Store
    from desktop.core.store.postgres import PgStore
    from desktop.core.sync import parse_resolutions, sync

    resolve = parse_resolutions(args.resolve)
    remote = PgStore.open(args.url)  # first: a server out of reach changes nothing here
    with remote, Store.open(db_path, seed=False) as local:
        report = sync(local, remote, resolve=resolve, progress=_line)
    for c in report.conflicts:
        print(f"conflict  {c}", file=sys.stderr)
    for f in report.failed:
        print(f"not synced  {f}", file=sys.stderr)
    for code in report.unused:
        print(f"--resolve {code}: no conflict on that case", file=sys.stderr)
    print(f"synced with {remote.where}: {len(report.sent)} sent, {len(report.fetched)} "
          f"fetched, {len(report.deleted_there) + len(report.deleted_here)} deleted, "
          f"{len(report.conflicts)} conflict(s)"
          + (f", {len(report.held)} held: this role may only read" if report.held else ""),
          file=sys.stderr)
    return 1 if report.conflicts or report.failed else 0


def _line(done: int, total: int, code: str, what: str) -> None:
    if what in SHOWN or what.startswith("resolved"):
        print(f"{SHOWN.get(what, what):<14} {code}", flush=True)
