from sqlalchemy import text


class OrderRepository:
    def __init__(self, session):
        self.session = session

    def by_id(self, order_id):
        return self.session.execute(text("SELECT id, total FROM orders WHERE id = :id"), {"id": order_id}).one()
