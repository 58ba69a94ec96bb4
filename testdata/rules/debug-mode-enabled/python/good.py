import os

from fastapi import FastAPI
from flask import Flask

app = Flask(__name__)
# ok: controlled by the environment
app.debug = os.environ.get("FLASK_DEBUG") == "1"
# ok: controlled by the environment
app.config["DEBUG"] = os.getenv("DEBUG", "false") == "true"
# ok: explicitly off
api = FastAPI(debug=False)


class Job:
    def run(self, debug=False):
        return debug


def start():
    # ok: an unrelated object's debug attribute is not an app
    job = Job()
    job.run(debug=os.environ.get("JOB_DEBUG") == "1")


if __name__ == "__main__":
    # ok: debug from the environment
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
