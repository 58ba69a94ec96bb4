from app import orders


def load_user(user_id):
    return {"id": user_id, "orders": orders.recent_orders}
