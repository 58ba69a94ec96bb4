from django.http import JsonResponse

from .models import Order


def orders_export(request):
    # ok: a Django view routed from another file that queries the ORM: the framework's idiom
    return JsonResponse({"orders": list(Order.objects.filter(customer=request.user).values("id", "total"))})
