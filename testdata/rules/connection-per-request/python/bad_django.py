import MySQLdb
import pymysql
from django.http import JsonResponse
from django.urls import path
from django.views import View
from rest_framework.decorators import api_view
from rest_framework.views import APIView


def legacy_report(request):
    db = MySQLdb.connect(host="db", user="app", database="legacy")  # expect: connection-per-request
    return JsonResponse({"rows": db.cursor().execute("SELECT 1")})


class InvoiceView(View):
    def get(self, request, pk):
        conn = pymysql.connect(host="db")  # expect: connection-per-request
        return JsonResponse({"id": pk, "conn": str(conn)})


class SyncView(APIView):
    def post(self, request):
        conn = pymysql.connect(host="db")  # expect: connection-per-request
        return JsonResponse({"synced": bool(conn)})


@api_view(["GET"])
def ping_db(request):
    # ok: a database ping opens its own connection on purpose
    conn = pymysql.connect(host="db")
    return JsonResponse({"ok": conn.open})


urlpatterns = [
    path("legacy/", legacy_report),
    path("invoices/<int:pk>/", InvoiceView.as_view()),
]
