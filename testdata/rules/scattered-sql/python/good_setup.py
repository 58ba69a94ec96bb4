# ok: connection settings and a migration runner are not scattered queries.
import sqlite3


def set_sqlite_pragma(sender, connection, **kwargs):
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=wal;")


def migrate_databases(conn: sqlite3.Connection):
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='dbversions'")
    return tables.fetchall()


def banner(name):
    return f"starting {name}"


def port(settings):
    return int(settings.get("PORT", 8080))


def workers(settings):
    return max(1, settings.get("WORKERS", 2))
