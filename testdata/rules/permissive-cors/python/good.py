from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, request
from flask_cors import CORS

ALLOWED = {"https://app.example.com"}

app = Flask(__name__)
# ok: explicit origins with credentials
CORS(app, origins=["https://app.example.com"], supports_credentials=True)

public = Flask("public")
# ok: a public API: any origin, no credentials
CORS(public)

scoped = Flask("scoped")
# ok: origins restricted per resource
CORS(scoped, resources={r"/api/*": {"origins": ["https://app.example.com"]}}, supports_credentials=True)

api = FastAPI()
# ok: explicit origins with credentials
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ok: any origin without credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"])
# ok: a subdomain regex is restricted
api.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com", allow_credentials=True)


@app.after_request
def add_cors(response):
    origin = request.headers.get("Origin")
    # ok: the origin is checked against an allowlist before it is echoed
    if origin in ALLOWED:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Allow-Credentials"] = "true"
    return response


@app.route("/public")
def public_data():
    resp = app.make_response({"ok": True})
    # ok: a wildcard without credentials
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def reflected_without_credentials(response):
    # ok: reflecting the origin without credentials exposes only public data
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")
    return response

TRUSTED_ORIGINS = ["https://app.example.com"]
trusted = Flask("trusted")
# ok: the origins held in the constant are a fixed list
CORS(trusted, origins=TRUSTED_ORIGINS, supports_credentials=True)
