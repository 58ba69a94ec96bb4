from app.repositories.users import conn


class OrderRepository:
    def by_id(self, order_id):
        return conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()

    def title(self, order_id):
        return f"order #{order_id}"
