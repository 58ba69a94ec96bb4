from aiohttp import web
from flask import Flask

DEBUG_MODE = True


def create_app():
    return Flask(__name__)


application = web.Application(debug=True)  # expect: debug-mode-enabled

if __name__ == "__main__":
    create_app().run(host="0.0.0.0", debug=DEBUG_MODE)  # expect: debug-mode-enabled


RUN_OPTIONS = {"host": "0.0.0.0", "port": 5000, "debug": True}  # expect: debug-mode-enabled


def serve_with_options():
    create_app().run(**RUN_OPTIONS)
