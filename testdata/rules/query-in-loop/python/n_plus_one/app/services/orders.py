from app.repositories.orders import OrderRepository


class OrderService:
    def __init__(self):
        self.orders = OrderRepository()

    def lookup(self, order_ids):
        found = []
        for order_id in order_ids:
            found.append(self.orders.by_id(order_id))  # expect: query-in-loop
        return found

    def titles(self, order_ids):
        # ok: a method of the repository that runs no query
        return [self.orders.title(o) for o in order_ids]
