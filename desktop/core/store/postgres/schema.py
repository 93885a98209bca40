"""The department library's schema as migrations, recorded in the database itself.

Append, never edit. Migration N+1 runs in one transaction under an advisory lock, so two
laptops opening an old library at once migrate it once; a library written by a newer
version is refused. The case itself is kept as its case-file document (the casefile
rules read it back); beside it, the columns the list shows and the search index.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

APPLICATION = "case-presenter"
#: Any number: the advisory lock that serialises migrations.
MIGRATION_LOCK = 0x43415345


def _v1_initial(conn: psycopg.Connection) -> None:
    conn.execute("""
        CREATE TABLE cases (
            id bigserial PRIMARY KEY,
            code text NOT NULL UNIQUE,
            revision integer NOT NULL CHECK (revision > 0),
            modified text NOT NULL,
            title_en text, title_ru text, dx_name_en text, dx_name_ru text,
            tags text NOT NULL DEFAULT '[]',
            document text NOT NULL
        )""")
    conn.execute("CREATE INDEX cases_code_nocase ON cases (lower(code), code)")
    conn.execute("""
        CREATE TABLE case_search (
            case_id bigint PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
            title text, body_en text, body_ru text, notation text,
            tsv tsvector NOT NULL
        )""")
    conn.execute("CREATE INDEX case_search_tsv ON case_search USING gin (tsv)")
    # A deleted case's last revision: a case added again under its code continues the
    # count, so a laptop that synced the old one never mistakes the new one for it.
    conn.execute("""
        CREATE TABLE deleted_cases (
            code text PRIMARY KEY, revision integer NOT NULL, deleted text NOT NULL
        )""")


MIGRATIONS: list[Callable[[psycopg.Connection], None]] = [_v1_initial]
SCHEMA_VERSION = len(MIGRATIONS)

META = """CREATE TABLE IF NOT EXISTS case_presenter (
    key text PRIMARY KEY, value text NOT NULL)"""


def read_version(conn: psycopg.Connection) -> int | None:
    """The schema version; 0 for an empty database, None for another program's."""
    row = conn.execute("SELECT to_regclass('case_presenter') IS NOT NULL").fetchone()
    if row[0]:
        found = dict(conn.execute("SELECT key, value FROM case_presenter").fetchall())
        if found.get("application") != APPLICATION:
            return None
        return int(found.get("schema_version", "0"))
    others = conn.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]
    return 0 if others == 0 else None


def migrate(conn: psycopg.Connection) -> None:
    """Bring the schema to ``SCHEMA_VERSION``, each step one transaction."""
    while True:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
            version = read_version(conn)
            if version is None or version >= SCHEMA_VERSION:
                return
            if version == 0:
                conn.execute(META)
                conn.execute("INSERT INTO case_presenter VALUES ('application', %s), "
                             "('schema_version', '0')", [APPLICATION])
            MIGRATIONS[version](conn)
            conn.execute("UPDATE case_presenter SET value = %s WHERE key = 'schema_version'",
                         [str(version + 1)])
