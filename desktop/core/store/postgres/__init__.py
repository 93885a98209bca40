"""A department library on PostgreSQL (psycopg 3 and a connection pool): the SQL that
differs from the SQLite library lives here; the model and the casefile rules are shared."""

from desktop.core.store.postgres.connect import is_url, redact
from desktop.core.store.postgres.store import PgStore

__all__ = ["PgStore", "is_url", "redact"]
