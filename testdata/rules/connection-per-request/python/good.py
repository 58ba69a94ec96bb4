import sqlite3

import psycopg2
import psycopg2.pool
from fastapi import FastAPI
from flask import Flask
from sqlalchemy import create_engine

from .services import orders

app = Flask(__name__)
api = FastAPI()
DATABASE_URL = "postgresql://localhost/shop"

# ok: pool and engine created once at start-up
pool = psycopg2.pool.ThreadedConnectionPool(1, 20, DATABASE_URL)
engine = create_engine(DATABASE_URL)


def init_db():
    # ok: start-up code, not a handler
    conn = sqlite3.connect("app.db")
    conn.executescript("CREATE TABLE IF NOT EXISTS items(id INTEGER)")


@app.route("/users/<int:user_id>")
def get_user(user_id):
    # ok: connection taken from the pool
    conn = pool.getconn()
    try:
        return {"user": conn.cursor().execute("SELECT 1")}
    finally:
        pool.putconn(conn)


@api.post("/orders")
async def create_order(body: dict):
    # ok: thin handler delegating to a service
    return await orders.create(body)


_engine = None


@app.get("/reports")
def reports():
    global _engine
    # ok: lazy one-time initialisation
    if _engine is None:
        _engine = create_engine(DATABASE_URL)
    return {"n": 1}


def get(url):
    # ok: a plain function called `get`, not a handler
    return psycopg2.connect(url)


@cache.get("/users")
def cached_users():
    # ok: not a routing decorator (no framework receiver)
    return sqlite3.connect("cache.db")


# ok: connect in a script entry point
if __name__ == "__main__":
    init_db()
    conn = psycopg2.connect(DATABASE_URL)
    app.run()
