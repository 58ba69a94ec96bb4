import sqlite3

import psycopg2
from sqlalchemy import text

conn = sqlite3.connect("app.db")
pg = psycopg2.connect("dbname=app")

COLUMNS = "id, name, email"
TABLE = "users"


def qmark(email):
    cur = conn.cursor()
    # ok: qmark placeholder, value bound
    cur.execute("SELECT * FROM users WHERE email = ?", (email,))


def pyformat(name):
    cur = pg.cursor()
    # ok: %s placeholders bound by the driver (not % formatting)
    cur.execute("SELECT * FROM users WHERE name = %s AND org = %s", (name, 1))
    # ok: named pyformat placeholders
    cur.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})


def named(session, user_id):
    # ok: SQLAlchemy text() with a bound :name parameter
    return session.execute(text("SELECT * FROM users WHERE id = :id"), {"id": user_id})


def module_constants(user_id):
    cur = conn.cursor()
    # ok: interpolated module constants
    cur.execute(f"SELECT {COLUMNS} FROM {TABLE} WHERE id = ?", (user_id,))


def placeholder_list(ids):
    placeholders = ", ".join(["?"] * len(ids))
    cur = conn.cursor()
    # ok: the interpolated text is a list of placeholders
    cur.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids)


def number_param(limit: int):
    cur = conn.cursor()
    # ok: an int parameter cannot inject SQL
    cur.execute(f"SELECT * FROM users LIMIT {limit}")


def built_from_constants(active):
    query = "SELECT * FROM users"
    if active:
        query += " WHERE active = 1"
    cur = conn.cursor()
    # ok: only constant pieces are appended
    cur.execute(query)


def query_from_caller(cur, query):
    # ok: the query is a parameter; the caller is judged where it builds it
    cur.execute(query)


def not_sql(logger, name):
    # ok: an f-string that is not a query, on a method that is not a SQL call
    logger.info(f"SELECT pressed by {name}")


def other_execute(task_runner, name):
    # ok: `execute` on an unknown receiver with text that is not SQL
    task_runner.execute(f"Select the next job for {name}")


# ok: identifiers quoted by the framework cannot be bound; quoting is the safe form
def truncate(connection, table_name):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM %s" % connection.ops.quote_name(table_name))


# ok: an identifier quoted into a local variable first (through an alias of the quoting function)
def read_cache(connection, table_name, keys):
    quote_name = connection.ops.quote_name
    table = quote_name(table_name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM %s WHERE cache_key IN (%%s)" % table, [keys])


def first_entries(checkins, queryset):
    from django.db.models.expressions import RawSQL

    # ok: the interpolated text is SQL the ORM compiled, its parameters bound beside it
    inner, inner_params = checkins.values("position_id", "type").query.sql_with_params()
    return queryset.filter(
        pk__in=RawSQL(f'SELECT "position_id" FROM ({str(inner)}) s WHERE "type" = %s', [*inner_params, "entry"])
    )


def active_admins():
    # ok: constant fragments, the value goes through params
    return User.objects.extra(where=["role = 'admin'", "name = %s"], params=["root"])


SORTABLE = {"name", "email", "created_at"}


def sorted_users(conn: sqlite3.Connection, column):
    # ok: a fixed allow-list guards the column
    if column not in SORTABLE:
        raise ValueError(column)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}")


def ordered_users(conn: sqlite3.Connection, direction):
    # ok: the direction is one of the mapping's own constants
    order = {"up": "ASC", "down": "DESC"}[direction]
    return conn.execute(f"SELECT * FROM users ORDER BY name {order}")


def grouped_users(conn: sqlite3.Connection, field):
    if field in ("team", "role"):
        # ok: inside the branch of a membership test of a literal tuple
        return conn.execute(f"SELECT {field}, count(*) FROM users GROUP BY {field}")
    return None


def lock_key(obj):
    key = ((obj.pk % 281474976710656) << 16) | (obj.kind % 256)
    return key


def lock_all(conn: sqlite3.Connection, objects, shared):
    # ok: the keys are integers computed by lock_key; numbers cannot change a statement
    shared_keys = set(lock_key(o) for o in shared) if shared else set()
    keys = sorted(shared_keys | set(lock_key(o) for o in objects))
    calls = ", ".join([f"pg_advisory_xact_lock({k})" for k in keys])
    conn.execute(f"SELECT {calls};")


def sorted_by(status, order_sql):
    cur = conn.cursor()
    # ok: the value is bound; the ORDER BY list is structure the caller assembled
    cur.execute(f"SELECT id FROM users WHERE status = %s ORDER BY {order_sql}", (status,))
    return cur.fetchall()


def insert_row(table, row):
    cur = conn.cursor()
    columns = ", ".join(quote_name(c) for c in row)
    marks = ", ".join("%s" for _ in row)
    # ok: values are bound and the literal text has no placeholder, so the VALUES list holds the generated ones
    cur.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def explain(statement):
    cur = conn.cursor()
    # ok: the hole is a whole statement for EXPLAIN to plan
    cur.execute(f"EXPLAIN ANALYZE {statement}")
    return cur.fetchall()


def by_label(queryset, label):
    # ok: the fragment holds a placeholder and the value is bound through params
    return queryset.extra(where=["label = %s"], params=[label])


def drop_legacy_tables():
    cur = conn.cursor()
    legacy = {"audiovisual", "payment_cern"}
    for plugin in legacy:
        # ok: the name is an item of a set written out just above
        cur.execute(f"DROP TABLE alembic_version_plugin_{plugin}")
