"""A case written as table rows. The SQL of each table is made once and each list of
child rows is one ``executemany``: an import writes tens of rows for each of thousands
of cases, and building statements or dictionaries per row cost more than SQLite."""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from datetime import UTC, datetime

from desktop.core.model import Case, Diagnosis, Image, Lesion, Patient, PetStudy
from desktop.core.store import child_tables
from desktop.core.store.rows import columns, values
from desktop.core.store.search import search_row

CASE_COLUMNS = ("id", "code", "title_en", "title_ru", "tags", *columns(Patient),
                *columns(Diagnosis, "dx_"), "sections", "refs", "consent", "pet_criteria",
                "modified", "revision")


@functools.cache
def insert_sql(table: str, cols: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in cols)})"


def insert_case(conn: sqlite3.Connection, case: Case, case_id: int | None,
                revision: int) -> int:
    """Write ``case`` (under ``case_id``, or a new id) with its child rows and its search
    row; returns its id."""
    sections = {k: v.to_dict() for k, v in case.sections.items()}
    cid = conn.execute(insert_sql("cases", CASE_COLUMNS), (
        case_id, case.code, case.title.en, case.title.ru,
        json.dumps(case.tags, ensure_ascii=False), *values(Patient)(case.patient),
        *values(Diagnosis)(case.diagnosis), json.dumps(sections, ensure_ascii=False),
        json.dumps(case.references, ensure_ascii=False),
        None if case.consent is None else int(case.consent), case.pet_criteria or "auto",
        datetime.now(UTC).isoformat(timespec="seconds"), revision)).lastrowid
    insert_children(conn, case, cid)
    search = search_row(case)
    conn.execute(insert_sql("case_search", ("case_id", *search)), (cid, *search.values()))
    return cid


def insert_children(conn: sqlite3.Connection, case: Case, cid: int) -> None:
    """The findings, therapies, events, measurements and PET studies (with their lesions
    and images) of the case ``cid``, each in its list's order."""
    for table, kind in child_tables():
        items = getattr(case, table)
        if items:
            row = values(kind)
            conn.executemany(insert_sql(table, ("case_id", "position", *columns(kind))),
                             [(cid, i, *row(x)) for i, x in enumerate(items)])
    study_sql = insert_sql("pet_studies", ("case_id", "position", "image_id",
                                           *columns(PetStudy)))
    for i, study in enumerate(case.pet_studies):
        sid = conn.execute(study_sql, (cid, i, image_id(conn, study.image),
                                       *values(PetStudy)(study))).lastrowid
        if study.lesions:
            row = values(Lesion)
            conn.executemany(insert_sql("lesions", ("study_id", "position", *columns(Lesion))),
                             [(sid, j, *row(x)) for j, x in enumerate(study.lesions)])


def image_id(conn: sqlite3.Connection, image: Image | None) -> int | None:
    """The id of the stored image, stored once however many studies show it."""
    if image is None:
        return None
    digest = hashlib.sha256(image.data).hexdigest()
    conn.execute("INSERT OR IGNORE INTO images (sha256, media_type, data) VALUES (?, ?, ?)",
                 [digest, image.media_type, image.data])
    return conn.execute("SELECT id FROM images WHERE sha256 = ?", [digest]).fetchone()[0]
