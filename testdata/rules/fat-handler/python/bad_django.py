from django.http import JsonResponse
from django.urls import path
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Coupon


@api_view(["POST"])
def redeem(request):  # expect: fat-handler
    code = request.data.get("code")
    if not code:
        return Response({"error": "code"}, status=status.HTTP_400_BAD_REQUEST)
    coupon = Coupon.objects.get(code=code)
    discount = coupon.percent if coupon.active else 0
    for _ in range(coupon.uses):
        discount = discount - 1
    return Response({"discount": discount})


def coupon_page(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("coupons/", coupon_page)]
