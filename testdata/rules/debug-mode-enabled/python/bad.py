from fastapi import FastAPI
from flask import Flask
from starlette.applications import Starlette
from werkzeug.serving import run_simple

app = Flask(__name__)
app.debug = True  # expect: debug-mode-enabled
app.config["DEBUG"] = True  # expect: debug-mode-enabled
app.config.update(DEBUG=True)  # expect: debug-mode-enabled

api = FastAPI(title="orders", debug=True)  # expect: debug-mode-enabled
star = Starlette(debug=True, routes=[])  # expect: debug-mode-enabled


def serve():
    run_simple("0.0.0.0", 8000, app, use_debugger=True)  # expect: debug-mode-enabled


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # expect: debug-mode-enabled
