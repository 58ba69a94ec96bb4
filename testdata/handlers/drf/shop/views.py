from rest_framework import viewsets
from rest_framework.decorators import action

from . import services


class ItemViewSet(viewsets.ViewSet):
    def list(self, request):
        return services.items()

    def retrieve(self, request, pk=None):
        return services.item(pk)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return services.publish(pk)


class DraftViewSet(viewsets.ViewSet):
    # Registered by no router: its route stays unknown.
    def list(self, request):
        return services.drafts()
