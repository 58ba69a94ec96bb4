import logging
import sqlite3

conn = sqlite3.connect("app.db")
log = logging.getLogger(__name__)

USER_QUERY = """
    SELECT id, name
    FROM users
    WHERE id = ?
"""


class UserStore:
    table = "users"

    def by_id(self, user_id):
        cur = conn.cursor()
        # ok: module constant query, value bound
        cur.execute(USER_QUERY, (user_id,))
        # ok: attribute of self interpolated (class-level table name)
        cur.execute(f"SELECT * FROM {self.table} WHERE id = ?", (user_id,))


def logging_only(table):
    # ok: SQL-looking text logged, not executed
    log.info("DELETE FROM %s finished" % table)


def count_rows(ids):
    cur = conn.cursor()
    # ok: len() is a number
    cur.execute(f"SELECT * FROM users LIMIT {len(ids)}")


def generator_placeholders(ids):
    cur = conn.cursor()
    marks = ",".join("?" for _ in ids)
    # ok: placeholders from a generator of literals
    cur.execute("SELECT * FROM users WHERE id IN (%s)" % marks, ids)


def sort_direction(direction):
    order = "ASC" if direction == "up" else "DESC"
    cur = conn.cursor()
    # ok: both branches are constants
    cur.execute(f"SELECT * FROM users ORDER BY created {order}")


def drop_extension_schema(ext_id):
    cur = conn.cursor()
    row = cur.execute("SELECT 1 FROM dbversions WHERE db = ?", (ext_id,)).fetchone()
    if not row:
        raise ValueError("unknown extension")
    # Identifiers cannot be bound; `ext_id` is verified above against the installed extensions.
    # ok: the author says, naming the value, that it was checked
    cur.execute(f"DROP SCHEMA IF EXISTS {ext_id} CASCADE")


def decorate(widget, label):
    # ok: a method named `extra` outside Django builds no SQL
    return widget.extra(where=["top %s" % label])
