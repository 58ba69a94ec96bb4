from fastapi import Depends, FastAPI

from shop.services import OrderService, Receipts

app = FastAPI()
receipts = Receipts()


@app.get("/orders/{order_id}")
def show_order(order_id: int, service: OrderService = Depends()):
    return service.find(order_id)


@app.post("/receipts")
def receipt(order: dict):
    return receipts.render(order)


@app.get("/stats")
def stats(service: OrderService = Depends()):
    return {"open": service.count_open()}
