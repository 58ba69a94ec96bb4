from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy

from .services import orders

app = Flask(__name__)
db = SQLAlchemy(app)


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)


# ok: thin handler delegating to a service
@app.post("/orders")
def create_order():
    data = request.get_json()
    if not data.get("items"):
        abort(400)
    return jsonify(orders.place(data)), 201


# ok: validation and data access without business logic
@app.get("/products/<int:product_id>")
def show_product(product_id):
    if product_id <= 0:
        abort(400)
    return jsonify(id=db.session.get(Product, product_id).id)


# ok: a plain function that validates, computes and queries is not a handler
def create(data):
    if not data.get("items"):
        raise ValueError("items")
    total = 0
    for item in data["items"]:
        total += db.session.get(Product, item["id"]).price * item["qty"]
    if total > 100:
        total = total * 0.9
    return total


# ok: one check, two branches and one query: a small handler, not a fat one
@app.post("/products/<int:product_id>/reissue")
def reissue(product_id):
    if not request.is_json:
        abort(400)
    product = db.session.get(Product, product_id)
    if product is None:
        return jsonify(error="unknown product"), 404
    if product.archived:
        return jsonify(error="archived"), 409
    return jsonify(orders.reissue(product)), 201
