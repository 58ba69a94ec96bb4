import sqlite3

import asyncpg
import pandas as pd
from django.db import connection, models
from sqlalchemy import text

conn = sqlite3.connect("app.db")


def by_email(email):
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE email = '{email}'")  # expect: sql-injection
    return cur.fetchone()


def by_name(name):
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)  # expect: sql-injection


def by_id(user_id):
    cursor = conn.cursor()
    cursor.execute("SELECT * FROM users WHERE id = {}".format(user_id))  # expect: sql-injection


def by_org(org):
    cursor = conn.cursor()
    cursor.execute("SELECT * FROM users WHERE org = '" + org + "'")  # expect: sql-injection


def search(term, order):
    query = "SELECT * FROM products WHERE 1 = 1"
    query += " ORDER BY " + order
    cursor = conn.cursor()
    cursor.execute(query)  # expect: sql-injection


def built_earlier(table):
    sql = f"DELETE FROM {table} WHERE archived = 1"
    alias = sql
    conn.execute(alias)  # expect: sql-injection


async def fetch_user(pool: asyncpg.Pool, user_id):
    async with pool.acquire() as db:
        return await db.fetchrow(f"SELECT * FROM users WHERE id = {user_id}")  # expect: sql-injection


def sqlalchemy_text(session, status):
    return session.execute(text(f"SELECT * FROM orders WHERE status = '{status}'"))  # expect: sql-injection


def django_raw(User, name):
    return User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % name)  # expect: sql-injection


def django_cursor(name):
    with connection.cursor() as c:
        c.execute(f"UPDATE users SET seen = now() WHERE name = '{name}'")  # expect: sql-injection


def report(day):
    return pd.read_sql(f"SELECT * FROM sales WHERE day = '{day}'", conn)  # expect: sql-injection


class Repo:
    def __init__(self):
        self.cursor = conn.cursor()

    def find(self, key):
        self.cursor.execute(f"SELECT * FROM kv WHERE key = '{key}'")  # expect: sql-injection


SCHEMA = "public"
SCHEMA = input("schema? ")


def from_reassigned_upper():
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM {SCHEMA}.users")  # expect: sql-injection


def drop_schema(schema, other):
    cur = connection.cursor()
    # `other` is verified by the caller
    cur.execute(f"DROP SCHEMA {schema} CASCADE")  # expect: sql-injection


def entries_of(checkins, queryset, kind):
    from django.db.models.expressions import RawSQL

    inner, inner_params = checkins.values("position_id").query.sql_with_params()
    where, label = kind.split(":")
    return queryset.filter(
        pk__in=RawSQL(f"SELECT id FROM ({inner}) s WHERE type = '{str(where)}'", inner_params)  # expect: sql-injection
    )


def active_named(name):
    return User.objects.filter(active=True).extra(where=[f"name = '{name}'"])  # expect: sql-injection


def with_column(column):
    return User.objects.extra(select={"value": "SELECT %s FROM stats" % column})  # expect: sql-injection


def sorted_by_request(conn: sqlite3.Connection, request, column):
    if column not in request.args:
        raise ValueError(column)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}")  # expect: sql-injection


def sorted_after_warning(conn: sqlite3.Connection, column):
    if column not in {"name", "email"}:
        print("unexpected column", column)
    return conn.execute(f"SELECT * FROM users ORDER BY {column}")  # expect: sql-injection


def names_in(conn: sqlite3.Connection, names):
    quoted = ", ".join(f"'{n}'" for n in names)
    return conn.execute(f"SELECT * FROM users WHERE name IN ({quoted})")  # expect: sql-injection


def label_of(conn: sqlite3.Connection, name):
    label = "user-%s" % name
    return conn.execute(f"SELECT * FROM labels WHERE label = '{label}'")  # expect: sql-injection


def sorted_by_request(request, status):
    cur = conn.cursor()
    # The ORDER BY list read straight from the request, beside a bound value.
    cur.execute(f"SELECT id FROM users WHERE status = %s ORDER BY {request.args['sort']}", (status,))  # expect: sql-injection
    return cur.fetchall()


def insert_beside_placeholder(row_id, name):
    cur = conn.cursor()
    # The literal text has its own placeholder: the VALUES hole is a value.
    cur.execute(f"INSERT INTO users (id, name) VALUES (%s, {name})", (row_id,))  # expect: sql-injection


def by_label(queryset, label):
    # A queryset held in a parameter: `extra` in a Django module is Django's.
    return queryset.extra(where=["label = '%s'" % label])  # expect: sql-injection


def by_code(code):
    # A model named through its module.
    return models.Coupon.objects.extra(where=[f"code = '{code}'"])  # expect: sql-injection


def drop_tables(plugins):
    cur = conn.cursor()
    for plugin in plugins:
        # The items of a collection the caller passes may be anything.
        cur.execute(f"DROP TABLE alembic_version_plugin_{plugin}")  # expect: sql-injection
