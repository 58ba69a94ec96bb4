# Keys that reach a signing or MAC library, whatever they look like.
import hmac
import os

import jwt
from flask import Flask
from itsdangerous import URLSafeTimedSerializer

app = Flask(__name__)
app.secret_key = "dev"  # expect: hardcoded-secret
app.config["SECRET_KEY"] = "keyboard cat"  # expect: hardcoded-secret

SIGNING_KEY = "change me"  # expect: hardcoded-secret


def issue(user_id):
    return jwt.encode({"sub": user_id}, SIGNING_KEY, algorithm="HS256")


def check(token):
    return jwt.decode(token, key="s3cr3t", algorithms=["HS256"])  # expect: hardcoded-secret


def sign(body):
    return hmac.new(b"webhook", body, "sha256").hexdigest()  # expect: hardcoded-secret


def reset_tokens():
    key = os.environ.get("RESET_KEY", "reset-dev-key")  # expect: hardcoded-secret
    return URLSafeTimedSerializer(key)
