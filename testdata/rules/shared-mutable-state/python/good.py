import logging
import time

from fastapi import FastAPI
from flask import Flask, request
from prometheus_client import Counter
from sqlalchemy import create_engine

from .services import orders

app = Flask(__name__)
api = FastAPI()
logger = logging.getLogger(__name__)
REQUESTS = Counter("requests_total", "Requests")
ALLOWED = frozenset({"a", "b"})
# ok: settings built once at start-up
SETTINGS = {}
SETTINGS["debug"] = False
ITEMS = []
_engine = None


@app.get("/orders")
def list_orders():
    # ok: logger and metrics counter
    logger.info("listing")
    REQUESTS.inc()
    # ok: thin handler delegating to a service
    return orders.list_all()


@app.post("/items")
def add_item():
    # ok: a local list that shadows the module name
    ITEMS = []
    ITEMS.append(request.json)
    return {"items": ITEMS}


@api.get("/engine")
def engine():
    global _engine
    # ok: lazy one-time initialisation
    if _engine is None:
        _engine = create_engine("sqlite://")
    return {}


@app.get("/copy")
def copy_settings():
    # ok: reading module state and mutating a per-request copy
    local = dict(SETTINGS)
    local["request"] = request.path
    return local


def get(key):
    # ok: a plain function called `get`, not a handler
    ITEMS.append(key)
    SETTINGS[key] = True


def startup():
    # ok: start-up code
    ITEMS.extend(["a", "b"])


_deprecation_warned = set()


def _warn_deprecated(endpoint):
    if endpoint not in _deprecation_warned:
        # ok: the memory of a warn-once guard: losing it logs the notice again
        _deprecation_warned.add(endpoint)
        logger.warning("the endpoint %s is deprecated", endpoint)


@app.post("/copypin")
def copy_pin():
    _warn_deprecated("copypin")
    return orders.copy_pin(request.json)


_probe_cache = {"snapshot": None}


@app.get("/healthz/backends")
def probe_backends():
    snapshot = _probe_cache["snapshot"]
    if snapshot is not None and time.monotonic() - snapshot[0] < 10:
        return snapshot[1]
    status = orders.probe()
    # ok: a time-stamped entry, a cache that expires and is rebuilt per process
    _probe_cache["snapshot"] = (time.monotonic(), status)
    return status
