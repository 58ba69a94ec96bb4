from django.db import connection
from django.http import JsonResponse

from .services import orders


def create_order(request):  # expect: fat-handler
    items = request.POST.getlist("items")
    if not items:
        return JsonResponse({"error": "items"}, status=400)
    total = 0
    for item in items:
        total += int(item) * 2
    discounted = total * 0.9 if total > 100 else total
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO orders (total) VALUES (%s)", [discounted])
    return JsonResponse({"total": discounted}, status=201)


# ok: a thin view that delegates to a service
def list_orders(request):
    return JsonResponse({"orders": orders.recent()})
