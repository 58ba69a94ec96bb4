from fastapi import Depends, FastAPI

from shop.services import OrderService, Receipts, ReportService

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


@app.get("/reports/{order_id}")
def report(order_id: int, reports: ReportService = Depends()):
    return reports.order(order_id)
