from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, request
from flask_cors import CORS, cross_origin
from starlette.middleware import Middleware

app = Flask(__name__)
CORS(app, origins="*", supports_credentials=True)  # expect: permissive-cors

other = Flask("other")
# flask-cors defaults to every origin
CORS(other, supports_credentials=True)  # expect: permissive-cors

api = FastAPI()
api.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],  # expect: permissive-cors
    allow_credentials=True,
    allow_methods=["*"],
)

middleware = [
    Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True),  # expect: permissive-cors
]


@app.route("/data")
@cross_origin(origins=["*"], supports_credentials=True)  # expect: permissive-cors
def data():
    return {"ok": True}


@app.after_request
def add_cors(response):
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")  # expect: permissive-cors
    response.headers["Access-Control-Allow-Credentials"] = "true"
    return response


def django_view(request):
    origin = request.META.get("HTTP_ORIGIN")
    response = render(request, "page.html")
    response["Access-Control-Allow-Origin"] = origin  # expect: permissive-cors
    response["Access-Control-Allow-Credentials"] = "true"
    return response

ANY_ORIGIN = "*"
shared = Flask("shared")
CORS(shared, origins=ANY_ORIGIN, supports_credentials=True)  # expect: permissive-cors
