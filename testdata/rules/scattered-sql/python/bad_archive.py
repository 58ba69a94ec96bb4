import sqlite3

conn = sqlite3.connect("app.db")


def archive(table):
    with conn:
        # names one table literally: a query of this module
        conn.execute(f"INSERT INTO archive SELECT * FROM {table}")  # expect: scattered-sql


def summary(rows):
    return len(rows)


def title(text):
    return text.title()
