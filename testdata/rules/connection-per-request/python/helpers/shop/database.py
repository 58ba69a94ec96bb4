import sqlite3

from sqlalchemy import create_engine

_engine = None


def connect():
    return sqlite3.connect("shop.db")  # expect: connection-per-request


def engine():
    # ok: built once, on first use, and kept in the module
    global _engine
    if _engine is None:
        _engine = create_engine("postgresql://localhost/shop")
    return _engine


def backup():
    # ok: only the nightly job calls it, no handler
    return sqlite3.connect("backup.db")
