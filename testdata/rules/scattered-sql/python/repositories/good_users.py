import sqlite3

conn = sqlite3.connect("app.db")


def find_active():
    # ok: the data-access layer is where SQL belongs
    return conn.execute("SELECT * FROM users WHERE active = 1").fetchall()
