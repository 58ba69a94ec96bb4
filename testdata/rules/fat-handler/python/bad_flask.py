from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)


@app.post("/orders")
def create_order():  # expect: fat-handler
    data = request.get_json()
    if not data.get("items"):
        abort(400)
    if len(data["items"]) > 50:
        return jsonify(error="too many items"), 422
    total = 0
    for item in data["items"]:
        product = db.session.get(Product, item["id"])
        total += product.price * item["qty"]
    if total > 100:
        total = total * 0.9
    return jsonify(total=total), 201
