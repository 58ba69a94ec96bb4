# ok: keys that come from the environment, the caller or a key file.
import hmac
import os

import jwt
from flask import Flask

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")


def issue(user_id, key):
    return jwt.encode({"sub": user_id}, key, algorithm="HS256")


def check(token):
    with open("/run/secrets/jwt") as f:
        key = f.read()
    return jwt.decode(token, key, algorithms=["HS256"])


def digest(body):
    # ok: an empty key is a plain checksum, not a secret
    return hmac.new(b"", body, "sha256").hexdigest()


def sign(body, settings):
    return hmac.new(settings.WEBHOOK_KEY.encode(), body, "sha256").hexdigest()
