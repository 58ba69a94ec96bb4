from fastapi import Depends, FastAPI

from shop.repository import Archive, OrderRepository, Prices

app = FastAPI()
orders_repo = OrderRepository()
prices = Prices()


@app.get("/orders")
def list_orders(repo: OrderRepository = Depends()):
    return repo.all()


@app.get("/orders/{order_id}")
def show_order(order_id: int):
    return orders_repo.find(order_id)


@app.get("/price/{amount}")
def price(amount: int):
    return {"price": prices.cents(amount)}


def nightly():
    archive = Archive()
    return archive.rows()
