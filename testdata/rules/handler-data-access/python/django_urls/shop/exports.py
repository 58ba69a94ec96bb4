from django.http import JsonResponse

from .models import Order


def orders_export(request):  # expect: handler-data-access
    return JsonResponse({"orders": list(Order.objects.filter(customer=request.user).values("id", "total"))})
