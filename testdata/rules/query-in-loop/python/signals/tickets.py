"""Ticket files of an order, one per output plugin that answers the signal."""

from .models import CachedTicket, Order
from .signals import register_ticket_outputs


def cached_tickets(order):
    outputs = [response(order.event) for receiver, response in register_ticket_outputs.send(order.event)]
    tickets = []
    for output in outputs:
        # ok: one lookup per installed output plugin, a count the code fixes
        tickets.append(CachedTicket.objects.filter(order=order, provider=output.identifier).last())
    return tickets


def announce(order):
    for receiver, response in register_ticket_outputs.send_robust(order.event):
        # ok: one row per receiver of the signal
        CachedTicket.objects.get_or_create(order=order, provider=str(receiver))


def reminders(event):
    pending = [o for o in Order.objects.filter(event=event, status="pending")]
    for order in pending:
        CachedTicket.objects.filter(order=order).delete()  # expect: query-in-loop


def per_delivery(mailer, batch):
    # What `send` returns here is one report per message, not a receiver each.
    for report in mailer.send(batch):
        Order.objects.filter(code=report.code).update(mailed=True)  # expect: query-in-loop
