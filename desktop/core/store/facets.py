"""What the library can be filtered by beside tags — the therapies given (by category or
by name), the event types and the responses recorded — and the cases that match."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.store.db import Db


@dataclass(frozen=True)
class Facets:
    """The values in use, each list sorted; names as ``(en, ru)`` pairs."""

    categories: list[str] = field(default_factory=list)
    therapy_names: list[tuple[str | None, str | None]] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)


def facets(db: Db) -> Facets:
    def column(sql: str) -> list[str]:
        return sorted(r[0] for r in db.execute(sql) if r[0])

    names = db.execute("SELECT name_en, name_ru FROM therapies GROUP BY "
                       "lower(coalesce(name_en, '')), lower(coalesce(name_ru, ''))").fetchall()
    return Facets(
        categories=column("SELECT DISTINCT category FROM therapies"),
        therapy_names=sorted({(en, ru) for en, ru in names if en or ru},
                             key=lambda p: (p[0] or p[1] or "").casefold()),
        event_types=column("SELECT DISTINCT type FROM events"),
        responses=column("SELECT DISTINCT response FROM therapies UNION "
                         "SELECT DISTINCT visual_response FROM pet_studies"),
    )


def codes_where(db: Db, *, category: str | None = None, therapy_name: str | None = None,
                event_type: str | None = None, response: str | None = None) -> set[str]:
    """Codes of the cases that have every one of the given values."""
    where, params = [], []
    if category:
        where.append("EXISTS (SELECT 1 FROM therapies t WHERE t.case_id = c.id "
                     "AND t.category = ?)")
        params.append(category)
    if therapy_name:
        where.append("EXISTS (SELECT 1 FROM therapies t WHERE t.case_id = c.id "
                     "AND (lower(t.name_en) = lower(?) OR lower(t.name_ru) = lower(?)))")
        params += [therapy_name, therapy_name]
    if event_type:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.type = ?)")
        params.append(event_type)
    if response:
        where.append("(EXISTS (SELECT 1 FROM therapies t WHERE t.case_id = c.id "
                     "AND t.response = ?) OR EXISTS (SELECT 1 FROM pet_studies p "
                     "WHERE p.case_id = c.id AND p.visual_response = ?))")
        params += [response, response]
    sql = "SELECT code FROM cases c" + (" WHERE " + " AND ".join(where) if where else "")
    return {r[0] for r in db.execute(sql, params)}
