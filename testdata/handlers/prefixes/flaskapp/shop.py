from flask import Blueprint

bp = Blueprint("shop", __name__, url_prefix="/shop")


@bp.get("/cart")
def cart():
    return "cart"
