from app.db import db
from django.db import transaction
from app.models import ExportTask, Order


def export_one(task_id):
    task = ExportTask.query.filter_by(id=task_id).first()
    task.progress = 100
    db.session.commit()


def process_queued_exports(max_count):
    tasks = ExportTask.query.filter(ExportTask.progress != 100).limit(max_count).all()
    for task in tasks:
        # ok: each call commits its own unit of work: one job per queued task
        export_one(task.id)


def expire(order):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        order.status = "expired"
        order.save()


def expire_pending(orders):
    for order in orders:
        # ok: each call runs in a transaction of its own
        expire(order)


def total_of(order_id):
    return Order.objects.get(pk=order_id).total


def report(order_ids):
    totals = []
    for order_id in order_ids:
        totals.append(total_of(order_id))  # expect: query-in-loop
    return totals
