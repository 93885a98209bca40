"""What a sync has to do, case by case, from two small tables: the laptop's sync state
(per code: the department's revision at the last sync, changed here since?, the case's
revision here) and the department's revisions. Pure: no database is touched here.

A case changed on one side only is copied; changed on both is a conflict, unless both
hold the same case (as after a sync killed between writing there and noting it here).
"""

from __future__ import annotations

from dataclasses import dataclass

PUSH, PULL = "send", "fetch"
DELETE_THERE, DELETE_HERE = "delete there", "delete here"
FORGET, COMPARE, CONFLICT = "forget", "compare", "conflict"


@dataclass(frozen=True)
class LocalState:
    synced: int | None  #: the department's revision at the last sync (None: never synced)
    changed: bool  #: written here since the last sync (a save, an import, a deletion)
    revision: int | None  #: the case's revision here (None: deleted here)


@dataclass(frozen=True)
class Step:
    code: str
    action: str
    local: LocalState
    remote: int | None  #: the department's revision now (None: not there)


@dataclass(frozen=True)
class SyncConflict:
    """A case changed on both sides (or changed on one and deleted on the other)."""

    code: str
    here: str  #: "changed", "added" or "deleted"
    there: str
    local_revision: int | None
    remote_revision: int | None

    def __str__(self) -> str:
        return (f"{self.code}: {self.here} here and {self.there} in the department library; "
                f"nothing was overwritten — choose with --resolve {self.code}=mine|theirs|both")


def classify(code: str, local: LocalState | None, remote: int | None) -> Step | None:
    """The step for one code, or None when both sides agree."""
    local = local or LocalState(None, False, None)
    never_here = local.revision is None and local.synced is None
    mine = not never_here and (local.changed or local.revision is None)
    theirs = remote != local.synced
    if not mine and not theirs:
        return Step(code, FORGET, local, remote) if never_here and local.changed else None
    if mine and not theirs:
        if local.revision is not None:
            return Step(code, PUSH, local, remote)
        return Step(code, DELETE_THERE if remote is not None else FORGET, local, remote)
    if theirs and not mine:
        return Step(code, PULL if remote is not None else DELETE_HERE, local, remote)
    if local.revision is None and remote is None:
        return Step(code, FORGET, local, remote)
    if local.revision is not None and remote is not None:
        return Step(code, COMPARE, local, remote)
    return Step(code, CONFLICT, local, remote)


def plan(local: dict[str, LocalState], remote: dict[str, int]) -> list[Step]:
    """Every step, by code."""
    steps = (classify(code, local.get(code), remote.get(code))
             for code in sorted(local.keys() | remote.keys()))
    return [s for s in steps if s is not None]


def conflict_of(step: Step) -> SyncConflict:
    here = ("deleted" if step.local.revision is None else
            "added" if step.local.synced is None else "changed")
    there = ("deleted" if step.remote is None else
             "added" if step.local.synced is None else "changed")
    return SyncConflict(step.code, here, there, step.local.revision, step.remote)
