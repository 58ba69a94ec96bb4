from django.db import connection
from rest_framework.response import Response
from rest_framework.views import APIView

from .services import orders


class InvoiceDownload(APIView):
    # expect: handler-data-access
    def get(self, request, pk):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pdf FROM invoices WHERE id = %s", [pk])
            return Response(cursor.fetchone())


class OrderExtend(APIView):
    def get(self, request, pk):
        return Response(orders.summary(pk))

    # ok: `self.get` is this class's method, which queries nothing; not InvoiceDownload.get
    def post(self, request, pk):
        orders.extend(pk)
        return self.get(request, pk)
