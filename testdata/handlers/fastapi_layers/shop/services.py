from sqlalchemy import text

from shop.database import SessionLocal
from shop.repository import OrderRepository


class OrderService:
    def __init__(self):
        self.repo = OrderRepository(SessionLocal())

    def find(self, order_id):
        return self.repo.by_id(order_id)


class Receipts:
    def render(self, order):
        return {"id": order.id, "total": f"{order.total / 100:.2f}"}


def count_open():
    # a module function that shares a name with no method of OrderService
    with SessionLocal() as session:
        return session.execute(text("SELECT count(*) FROM orders")).scalar()


class ReportService:
    def __init__(self, orders: OrderRepository):
        self.orders = orders

    def order(self, order_id):
        return self.orders.by_id(order_id)
