import os

from aiohttp import web
from flask import Flask


def create_app():
    return Flask(__name__)


# ok: the switch comes from the environment
application = web.Application(debug=os.environ.get("AIOHTTP_DEBUG") == "1")

if __name__ == "__main__":
    debug = os.environ.get("FLASK_DEBUG") == "1"
    # ok: a variable read from the environment
    create_app().run(debug=debug)


# ok: the options a call spreads keep debug off
RUN_OPTIONS = {"host": "0.0.0.0", "port": 5000, "debug": False}


def serve_with_options():
    create_app().run(**RUN_OPTIONS)


# ok: a dict with a debug key that no app runner receives
REPORT = {"debug": True, "verbose": True}


def report():
    print(**REPORT)
