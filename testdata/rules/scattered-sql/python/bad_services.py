import sqlite3

from app.repositories import users

conn = sqlite3.connect("app.db")

PROMPT = "Select an option from the list below"


def overdue(cur):
    cur.execute("SELECT id, total FROM invoices WHERE due_at < now() AND paid = 0")  # expect: scattered-sql
    return cur.fetchall()


def cleanup():
    sql = "DELETE FROM sessions WHERE expires_at < ?"  # expect: scattered-sql
    conn.execute(sql, (0,))


def delegates():
    return users.find_active()


def prose():
    return ["Delete old drafts from your account", "Select a date", "Update your profile to continue"]


REPORT = "SELECT count(*) FROM orders"  # expect: scattered-sql

