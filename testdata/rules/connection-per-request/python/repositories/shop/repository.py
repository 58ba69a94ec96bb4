import sqlite3


class OrderRepository:
    def all(self):
        conn = sqlite3.connect("shop.db")  # expect: connection-per-request
        return conn.execute("SELECT id, total FROM orders").fetchall()

    def find(self, order_id):
        conn = sqlite3.connect("shop.db")  # expect: connection-per-request
        return conn.execute("SELECT id, total FROM orders WHERE id = ?", (order_id,)).fetchone()


class Prices:
    def cents(self, amount):
        # ok: a method that only formats, called from a handler
        return f"{amount / 100:.2f}"


class Archive:
    def rows(self):
        # ok: only the nightly job calls it, no handler
        return sqlite3.connect("archive.db").execute("SELECT * FROM orders").fetchall()
