"""Sync a laptop's library (SQLite) with the department's (PostgreSQL), case by case.

Each step is idempotent and leaves both libraries valid whenever it stops: a case is
written there in one transaction, then noted here in another; a sync killed between the
two finds the same case on both sides next time and only notes it (no conflict, nothing
copied twice). Fetching a case writes it and its sync state here in one transaction.
Nothing is overwritten on a conflict: the user keeps mine, theirs, or both (theirs keeps
the code; mine is kept under a new code, ``CODE-2``, and sent as a new case).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core import casefile
from desktop.core.errors import (
    CaseFileError,
    CasePresenterError,
    Conflict,
    DuplicateCode,
    NotFound,
    StoreError,
)
from desktop.core.model import Case
from desktop.core.resolutions import CHOICES as CHOICES
from desktop.core.store import Store
from desktop.core.store.postgres import PgStore
from desktop.core.sync.plan import (
    COMPARE,
    CONFLICT,
    DELETE_HERE,
    DELETE_THERE,
    FORGET,
    PULL,
    PUSH,
    LocalState,
    Step,
    SyncConflict,
    conflict_of,
    plan,
)

#: Cases fetched per round trip and per local transaction.
FETCH_BATCH = 100
#: The longest code the case-file rules allow (a copy's code is cut to fit its suffix).
CODE_MAX = 40
#: ``progress(done, total, code, what)``: after each case (``what`` says what was done).
Progress = Callable[[int, int, str, str], None]


@dataclass
class SyncReport:
    sent: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    deleted_there: list[str] = field(default_factory=list)
    deleted_here: list[str] = field(default_factory=list)
    conflicts: list[SyncConflict] = field(default_factory=list)
    #: ``(code, choice, new code or None)``
    resolved: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: Local changes a read-only role cannot send (kept here, sent by a later sync).
    held: list[str] = field(default_factory=list)
    #: Cases that could not be fetched or sent, with the reason.
    failed: list[str] = field(default_factory=list)
    #: ``--resolve`` codes that were not in conflict.
    unused: list[str] = field(default_factory=list)
    #: Stopped by ``cancel`` between two cases; the next sync does the rest.
    cancelled: bool = False


def local_state(local: Store) -> dict[str, LocalState]:
    rows = local.db.execute(
        "SELECT s.code, s.synced_revision, s.changed, c.revision FROM sync_state s "
        "LEFT JOIN cases c ON c.code = s.code UNION ALL "
        "SELECT code, NULL, 1, revision FROM cases "
        "WHERE code NOT IN (SELECT code FROM sync_state)").fetchall()
    return {code: LocalState(synced, bool(changed), rev) for code, synced, changed, rev in rows}


def sync(local: Store, remote: PgStore, *, resolve: dict[str, str] | None = None,
         progress: Progress | None = None,
         cancel: threading.Event | None = None) -> SyncReport:
    """Send local changes, fetch remote ones and report conflicts; ``resolve`` maps a
    conflicting code to ``mine``, ``theirs`` or ``both``. A lost connection stops the
    sync with a ``StoreError``; both libraries stay valid and the next sync completes it.
    ``cancel`` (a Cancel button) stops it between two cases."""
    if local.readonly:
        raise StoreError(f"{local.path} is open read-only; nothing was synced.")
    resolve = dict(resolve or {})
    bad = {c: v for c, v in resolve.items() if v not in CHOICES}
    if bad:
        raise StoreError(f"--resolve takes mine, theirs or both, not {next(iter(bad.values()))!r}")
    steps = plan(local_state(local), remote.revisions())
    run = _Run(local, remote, resolve, SyncReport())
    done = 0
    while done < len(steps):
        if cancel is not None and cancel.is_set():
            run.report.cancelled = True
            break
        batch = _fetch_batch(steps, done, resolve)
        if batch:
            try:
                results = run.pull_many(batch)
            except (StoreError, OSError) as e:
                raise _stopped(batch[0], done + 1, len(steps), e) from None
            for step, what in results:
                done += 1
                if progress:
                    progress(done, len(steps), step.code, what)
            continue
        step = steps[done]
        done += 1
        try:
            what = run.step(step)
        except Conflict:  # changed there between the listing and the write
            what = run.conflict(step)
        except (CaseFileError, NotFound) as e:
            run.report.failed.append(f"{step.code}: {e}")
            what = "failed"
        except (StoreError, OSError) as e:
            raise _stopped(step, done, len(steps), e) from None
        if progress:
            progress(done, len(steps), step.code, what)
    run.report.unused = sorted(set(resolve) - {c for c, _, _ in run.report.resolved})
    return run.report


def _stopped(step: Step, done: int, total: int, e: Exception) -> StoreError:
    return StoreError(f"sync stopped at case {step.code} ({done} of {total}): {e} Both "
                      "libraries are valid; run sync again to finish.")


def _fetch_batch(steps: list[Step], start: int, resolve: dict[str, str]) -> list[Step]:
    """The plain fetches from ``start`` on (up to ``FETCH_BATCH``): fetched in one round
    trip and written here in one transaction, each case in its own savepoint."""
    batch = []
    for step in steps[start:start + FETCH_BATCH]:
        if step.action != PULL or step.code in resolve:
            break
        batch.append(step)
    return batch if len(batch) > 1 else []


@dataclass
class _Run:
    local: Store
    remote: PgStore
    resolve: dict[str, str]
    report: SyncReport

    def step(self, step: Step) -> str:
        action = step.action
        if action == COMPARE:
            if self._same(step.code):
                self._note(step.code, step.remote, step.local.revision)
                return "same"
            action = CONFLICT
        if action == CONFLICT:
            choice = self.resolve.get(step.code)
            return self._resolve(step, choice) if choice else self.conflict(step)
        if action in (PUSH, DELETE_THERE) and self.remote.readonly:
            self.report.held.append(step.code)
            return "held"
        return self._do(action, step, force=False)

    def _do(self, action: str, step: Step, *, force: bool) -> str:
        code = step.code
        try:
            if action == PUSH:
                self._push(code, step.remote)
                self.report.sent.append(code)
            elif action == PULL:
                if not self._pull(code, force=force):
                    return "skipped (changed here meanwhile)"
                self.report.fetched.append(code)
            elif action == DELETE_THERE:
                self._delete_there(code, step.remote)
                self.report.deleted_there.append(code)
            elif action == DELETE_HERE:
                if not self._delete_here(code, force=force):
                    return "skipped (changed here meanwhile)"
                self.report.deleted_here.append(code)
            elif action == FORGET:
                self._forget(code)
        except DuplicateCode:
            return self.conflict(step)
        except (CaseFileError, NotFound) as e:
            self.report.failed.append(f"{code}: {e}")
            return "failed"
        return action

    def conflict(self, step: Step) -> str:
        self.report.conflicts.append(conflict_of(step))
        return "conflict"

    # --- resolving ---------------------------------------------------------------
    def _resolve(self, step: Step, choice: str) -> str:
        if choice != "theirs" and self.remote.readonly:
            self.report.held.append(step.code)
            return "held"
        here, there = step.local.revision is not None, step.remote is not None
        if choice == "both" and not (here and there):
            choice = "mine" if here else "theirs"
        new_code = None
        if choice == "mine":
            self._do(PUSH if here else DELETE_THERE, step, force=True)
        elif choice == "theirs":
            self._do(PULL if there else DELETE_HERE, step, force=True)
        else:
            new_code = self._keep_both(step.code)
        self.report.resolved.append((step.code, choice, new_code))
        return f"resolved: {choice}"

    def _keep_both(self, code: str) -> str:
        """Theirs under ``code``, mine under a new code sent as a new case."""
        theirs, revision = self.remote.load(code)
        mine, _ = self.local.load(code)
        new_code = self._free_code(code)
        with self.local.transaction():
            self.local.save(dataclasses.replace(mine, code=new_code), code=code)
            self.local.add(theirs)
            self._note(code, revision, None, changed=False)
        self._push(new_code, None)
        self.report.sent.append(new_code)
        return new_code

    def _free_code(self, code: str) -> str:
        taken = set(self.local.codes()) | set(local_state(self.local)) | set(
            self.remote.revisions())
        for n in range(2, 10_000):
            suffix = f"-{n}"
            candidate = code[:CODE_MAX - len(suffix)] + suffix
            if candidate not in taken:
                return candidate
        raise StoreError(f"no free code for a copy of {code}")

    # --- one case ----------------------------------------------------------------
    def _same(self, code: str) -> bool:
        mine, theirs = self.local.get(code), self.remote.get(code)
        return casefile.to_document(mine) == casefile.to_document(theirs)

    def _push(self, code: str, remote_revision: int | None) -> None:
        case, revision = self.local.load(code)
        if remote_revision is None:
            new = self.remote.add(case)
        else:
            new = self.remote.save(case, base_revision=remote_revision)
        self._note(code, new, revision)

    def pull_many(self, batch: list[Step]) -> list[tuple[Step, str]]:
        found = self.remote.load_many([s.code for s in batch])
        results = []
        with self.local.transaction():
            for step in batch:
                case, revision = found.get(step.code, (None, None))
                if case is None:
                    what = "skipped (deleted there meanwhile)"
                elif isinstance(case, CaseFileError):
                    self.report.failed.append(f"{step.code}: {case}")
                    what = "failed"
                elif self._write_fetched(case, revision, force=False):
                    self.report.fetched.append(step.code)
                    what = PULL
                else:
                    what = "skipped (changed here meanwhile)"
                results.append((step, what))
        return results

    def _pull(self, code: str, *, force: bool) -> bool:
        case, revision = self.remote.load(code)
        return self._write_fetched(case, revision, force=force)

    def _write_fetched(self, case: Case, revision: int, *, force: bool) -> bool:
        """The department's case here, noted as synced at ``revision``: one transaction
        (a savepoint within a batch)."""
        with self.local.transaction():
            if not force and self._changed(case.code):
                return False
            if case.code in self.local:
                self.local.save(case)
            else:
                self.local.add(case)
            self._note(case.code, revision, None, changed=False)
        return True

    def _delete_there(self, code: str, remote_revision: int | None) -> None:
        try:
            self.remote.delete(code, base_revision=remote_revision)
        except Conflict as e:
            if e.found is not None:
                raise  # changed there meanwhile: a conflict, not a deletion
        self._forget(code)  # deleted there now, or already (by someone else)

    def _delete_here(self, code: str, *, force: bool) -> bool:
        with self.local.transaction():
            if not force and self._changed(code):
                return False
            if code in self.local:
                self.local.delete(code)
            self.local.db.execute("DELETE FROM sync_state WHERE code = ?", [code])
        return True

    def _forget(self, code: str) -> None:
        with self.local.transaction():
            self.local.db.execute("DELETE FROM sync_state WHERE code = ? AND code NOT IN "
                                  "(SELECT code FROM cases)", [code])

    def _changed(self, code: str) -> bool:
        row = self.local.db.execute("SELECT changed FROM sync_state WHERE code = ?",
                                    [code]).fetchone()
        return bool(row and row[0])

    def _note(self, code: str, remote_revision: int | None, local_revision: int | None,
              *, changed: bool | None = None) -> None:
        """Record that ``code`` is at ``remote_revision`` there; it stays changed here
        only if it was written here after ``local_revision`` was read."""
        with self.local.transaction():
            if changed is None:
                now = self.local.revision(code)
                changed = now != local_revision
            self.local.db.execute(
                "INSERT INTO sync_state (code, synced_revision, changed) VALUES (?, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET synced_revision = excluded.synced_revision, "
                "changed = excluded.changed", [code, remote_revision, int(changed)])


def parse_resolutions(items: list[str]) -> dict[str, str]:
    """``["A=mine", "B=both"]`` → ``{"A": "mine", "B": "both"}``, or a clear refusal."""
    found: dict[str, str] = {}
    for item in items:
        code, sep, choice = item.partition("=")
        if not sep or not code or choice not in CHOICES:
            raise CasePresenterError(f"--resolve {item!r}: write CODE=mine, CODE=theirs or "
                                     "CODE=both")
        found[code] = choice
    return found
