import sqlite3

from flask import Flask, jsonify

from .services import orders, users

app = Flask(__name__)
conn = sqlite3.connect("app.db")


# ok: thin handler delegating to a service
@app.get("/users/<int:user_id>")
def get_user(user_id):
    return jsonify(users.find(user_id))


# ok: thin handler calling a repository function of another module
@app.post("/orders")
def create_order():
    return jsonify(orders.place()), 201


# ok: a plain function called `get` that queries is not a handler
def get(key):
    return conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()


# ok: a same-file helper that does not query
def shape(row):
    return {"id": row[0]}


@app.get("/health")
def health():
    return shape((1,))


# ok: start-up code querying outside handlers
conn.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT, value TEXT)")


# ok: a class-based view delegating to a repository object
from django.http import JsonResponse
from django.views import View

from .repositories import ArticleRepository


class ArticleView(View):
    repo = ArticleRepository()

    def get(self, request, pk):
        return JsonResponse(self.repo.find(pk))


# ok: a readiness probe's query is the probe itself
@app.get("/readyz")
def ready():
    conn.execute("SELECT 1")
    return "ok"
