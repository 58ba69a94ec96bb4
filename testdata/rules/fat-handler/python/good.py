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


def clean(value):
    return value.strip()


# ok: checks the fields and copies the optional ones, cleaned or empty, onto the profile
@app.post("/profile")
def edit_profile():
    data = request.get_json()
    user = db.session.get(Product, data["id"])
    first_name, last_name = data.get("first_name"), data.get("last_name")
    bio, location, website = data.get("bio"), data.get("location"), data.get("website")
    if first_name and len(first_name) > 80:
        abort(400)
    if last_name and len(last_name) > 80:
        abort(400)
    if bio and len(bio) > 500:
        abort(400)
    if location and len(location) > 80:
        abort(400)
    try:
        user.first_name = clean(first_name) if first_name else None
        user.last_name = clean(last_name) if last_name else None
        user.bio = clean(bio) if bio else None
        user.location = clean(location) if location else None
        user.website = clean(website) if website else None
        user.birth_date = data["birth_date"] if data.get("birth_date") else None
        db.session.commit()
    except ValueError:
        abort(400)
    return jsonify({"status": "success"})


class Unsupported(Exception):
    pass


def process_upload(upload, data):
    return {"id": 1, "name": upload.filename, "sport": data["sport_id"]}


# ok: every except clause maps one error to its answer; the work is in process_upload
@app.post("/uploads")
def post_upload():
    upload = request.files.get("file")
    if upload is None:
        abort(400)
    try:
        data = request.get_json()
    except ValueError:
        abort(400)
    if not data or data.get("sport_id") is None:
        abort(400)
    try:
        result = process_upload(upload, data)
    except Unsupported as e:
        app.logger.warning(e)
        return jsonify({"error": "unsupported file"}), 400
    except KeyError:
        return jsonify({"error": "missing field"}), 400
    except FileNotFoundError:
        return jsonify({"error": "file is gone"}), 410
    except PermissionError:
        return jsonify({"error": "forbidden"}), 403
    except TimeoutError:
        return jsonify({"error": "try again"}), 503
    except OSError:
        return jsonify({"error": "storage error"}), 500
    except RuntimeError:
        return jsonify({"error": "processing failed"}), 500
    except LookupError:
        return jsonify({"error": "unknown sport"}), 400
    except ArithmeticError:
        return jsonify({"error": "invalid values"}), 400
    except UnicodeError:
        return jsonify({"error": "invalid encoding"}), 400
    except MemoryError:
        return jsonify({"error": "file too large"}), 413
    except EOFError:
        return jsonify({"error": "truncated file"}), 400
    return jsonify(result), 201
