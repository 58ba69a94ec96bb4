import sqlite3

conn = sqlite3.connect("app.db")


def title(report):
    return report["name"].title()


def customer_named(name):
    # Escaped quotes in an f-string are the quotes of the SQL text.
    q = f'SELECT * FROM customers WHERE name = \'{name}\''  # expect: scattered-sql
    return conn.execute(q).fetchall()


def as_rows(report):
    return [list(r.values()) for r in report["rows"]]


def footer(report):
    return f"{len(report['rows'])} rows"
