from pprint import pprint

from flask import Flask, request

app = Flask(__name__)


@app.route("/orders", methods=["POST"])
def create_order():
    payload = request.get_json()
    print("new order", payload)  # expect: print-in-handler
    pprint(payload)  # expect: print-in-handler
    return {"ok": True}


@app.get("/orders/<int:order_id>")
def show_order(order_id):
    import sys

    print(order_id, file=sys.stderr)  # expect: print-in-handler
    return {"id": order_id}
