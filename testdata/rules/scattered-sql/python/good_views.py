from fastapi import APIRouter
import sqlite3

router = APIRouter()
conn = sqlite3.connect("app.db")


@router.get("/users")
def list_users():
    # ok: SQL inside a route handler is left to handler-data-access
    return conn.execute("SELECT * FROM users").fetchall()


def help_text():
    # ok: prose that starts with a SQL keyword
    return "Select an option from the list below"


def more_prose():
    # ok: prose
    return "Delete old drafts from your account"


def docs():
    """Select the user by id (this docstring is documentation)."""
    # ok: ORM call, not SQL text
    return None
