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
