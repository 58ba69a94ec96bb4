import sqlite3

from sqlalchemy.orm import Session

conn = sqlite3.connect("app.db")


def batched(order_ids):
    cur = conn.cursor()
    # ok: one query before the loop
    cur.execute("SELECT * FROM items WHERE order_id IN (SELECT value FROM json_each(?))", (str(order_ids),))
    rows = cur.fetchall()
    for row in rows:
        print(row)
    # ok: one query after the loop
    cur.execute("SELECT count(*) FROM items")


def iterate_results(session: Session, stmt):
    # ok: the query is in the loop header, it runs once
    for row in session.execute(stmt):
        print(row)


def comprehension_source(session: Session, stmt):
    # ok: the query is the comprehension's source, it runs once
    return [r.id for r in session.scalars(stmt)]


def add_all(session: Session, users):
    for user in users:
        # ok: session.add only stages the object, no query
        session.add(user)
    session.commit()


def pure(values):
    total = 0
    for v in values:
        # ok: a same-file function that does not query
        total += double(v)
    return total


def double(v):
    return v * 2


def defined_in_loop(ids):
    for i in ids:
        # ok: defining a function in a loop does not run it
        def later():
            return conn.execute("SELECT 1")
        print(i, later)
