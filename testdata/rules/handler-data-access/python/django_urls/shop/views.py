from django.db import connection
from django.http import JsonResponse
from django.views import View

from .models import Order
from .services import summarise_orders


def order_list(request):  # expect: handler-data-access
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total FROM shop_order WHERE customer_id = %s", [request.user.id])
        return JsonResponse({"orders": cursor.fetchall()})


def order_summary(request):
    # ok: the view delegates to a service of another module
    return JsonResponse(summarise_orders(request.user))


def recent_orders(request):
    # ok: no route names this view
    return JsonResponse({"orders": list(Order.objects.filter(customer=request.user).values())})


def healthcheck(request):
    # ok: a health check's query is the probe itself (is the database up?)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


class OrderDetail(View):
    # ok: a class-based view routed from urls.py that only shapes a response
    def get(self, request, pk):
        return JsonResponse({"id": pk})
