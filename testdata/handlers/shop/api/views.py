from django.http import JsonResponse
from django.urls import path, re_path
from django.views import View
from rest_framework import viewsets
from rest_framework.decorators import action, api_view

from . import services


def index(request):
    return JsonResponse(services.summary())


class OrderView(View):
    def get(self, request, pk):
        return JsonResponse(services.order(pk))

    def post(self, request, pk):
        return JsonResponse(services.update(pk, request.body))

    def helper(self):
        return None


class ProductViewSet(viewsets.ModelViewSet):
    def list(self, request):
        return JsonResponse(services.products())

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return JsonResponse(services.publish(pk))


@api_view(["GET", "POST"])
def hooks(request):
    return JsonResponse({})


def get(mapping, key):
    return mapping[key]


urlpatterns = [
    path("", index),
    re_path(r"^orders/(?P<pk>\d+)/$", OrderView.as_view()),
]
