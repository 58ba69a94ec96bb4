import sqlite3

conn = sqlite3.connect("app.db")


def find_user(user_id):
    return conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()


def items_for(user_id):
    return conn.execute("SELECT * FROM items WHERE user_id = ?", (user_id,)).fetchall()


def items_for_all(user_ids):
    marks = ",".join("?" for _ in user_ids)
    return conn.execute(f"SELECT * FROM items WHERE user_id IN ({marks})", list(user_ids)).fetchall()


def load_profile(user_id):
    return find_user(user_id)


def all_items(user_ids):
    # expect: query-in-loop
    return [items_for(u) for u in user_ids]
