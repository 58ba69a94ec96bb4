from collections import defaultdict

from flask import Flask, request
from flask.views import MethodView

app = Flask(__name__)

ORDERS = []
VISITS = {}
SEEN_IPS = set()
COUNTS = defaultdict(int)
request_count = 0


@app.post("/orders")
def create_order():
    ORDERS.append(request.json)  # expect: shared-mutable-state
    return {}, 201


@app.route("/visit/<page>")
def visit(page):
    VISITS[page] = VISITS.get(page, 0) + 1  # expect: shared-mutable-state
    remember(request.remote_addr)
    return {"visits": VISITS[page]}


def remember(ip):
    SEEN_IPS.add(ip)  # expect: shared-mutable-state


@app.get("/count")
def count():
    global request_count
    request_count += 1  # expect: shared-mutable-state
    COUNTS[request.path] += 1  # expect: shared-mutable-state
    return {"n": request_count}


class OrderView(MethodView):
    def delete(self, order_id):
        del VISITS[order_id]  # expect: shared-mutable-state
        return "", 204


_seen_events = set()


@app.post("/webhooks")
def webhook():
    event_id = request.json["id"]
    if event_id not in _seen_events:
        # A set that decides whether work is done: per process, growing with requests.
        _seen_events.add(event_id)  # expect: shared-mutable-state
        handle(request.json)
    return "", 204


LAST_SEEN = {}


@app.route("/ping/<node>")
def ping(node):
    # A value without a time stamp is state, not an expiring cache entry.
    LAST_SEEN[node] = request.json  # expect: shared-mutable-state
    return "ok"
