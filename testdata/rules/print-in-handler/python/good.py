import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)


def main():
    # ok: a command-line entry point prints to its console by design
    print("starting")


@app.route("/orders", methods=["POST"])
def create_order(buffer):
    payload = request.get_json()
    # ok: through the logger
    log.info("new order %s", payload["id"])
    # ok: printed into a buffer, not the console
    print(payload, file=buffer)
    # ok: the team told its linter this print is intended
    print("audit", payload["id"])  # noqa: T201
    return {"ok": True}
