from flask import Flask, jsonify

from shop import database

app = Flask(__name__)


@app.get("/products")
def products():
    conn = database.connect()
    rows = conn.execute("SELECT id, name FROM products").fetchall()
    return jsonify(rows)


@app.get("/orders")
def orders():
    with database.engine().connect() as conn:
        return jsonify([dict(r) for r in conn.execute("SELECT id FROM orders")])


def nightly():
    database.backup()
