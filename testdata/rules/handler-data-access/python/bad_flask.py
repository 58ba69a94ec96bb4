import sqlite3

from flask import Blueprint, Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
bp = Blueprint("orders", __name__)
db = SQLAlchemy(app)
conn = sqlite3.connect("app.db")


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)


@app.route("/users/<int:user_id>")
def get_user(user_id):  # expect: handler-data-access
    cur = conn.cursor()
    cur.execute("SELECT name FROM users WHERE id = ?", (user_id,))
    return jsonify(cur.fetchone())


@bp.get("/orders/<int:order_id>")
def show_order(order_id):  # expect: handler-data-access
    order = db.session.get(Order, order_id)
    return {"id": order.id}


def load_items():
    return conn.execute("SELECT * FROM items").fetchall()


@app.get("/items")
def list_items():  # expect: handler-data-access
    return {"items": load_items()}
