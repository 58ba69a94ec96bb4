import sqlite3

import psycopg2
from flask import Blueprint, Flask, g
from flask.views import MethodView
from sqlalchemy import create_engine

app = Flask(__name__)
bp = Blueprint("orders", __name__)
DATABASE_URL = "postgresql://localhost/shop"


@app.route("/users/<int:user_id>")
def get_user(user_id):
    conn = psycopg2.connect(DATABASE_URL)  # expect: connection-per-request
    with conn.cursor() as cur:
        cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
        return {"name": cur.fetchone()[0]}


@bp.post("/orders")
def create_order():
    engine = create_engine(DATABASE_URL)  # expect: connection-per-request
    with engine.begin() as tx:
        tx.execute("INSERT INTO orders DEFAULT VALUES")
    return {}, 201


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("app.db")  # expect: connection-per-request
    return g.db


@app.get("/items")
def list_items():
    return {"items": get_db().execute("SELECT * FROM items").fetchall()}


class ReportView(MethodView):
    def get(self):
        conn = self.connect()
        return {"rows": conn.execute("SELECT 1").fetchall()}

    def connect(self):
        return sqlite3.connect("reports.db")  # expect: connection-per-request


def export_csv():
    conn = psycopg2.connect(DATABASE_URL)  # expect: connection-per-request
    return conn


app.add_url_rule("/export", view_func=export_csv)
