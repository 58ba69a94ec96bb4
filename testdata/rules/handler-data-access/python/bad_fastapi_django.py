from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views import View
from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from .models import Invoice

router = APIRouter()


@router.get("/accounts/{account_id}")
def read_account(account_id: int, session: Session = Depends()):  # expect: handler-data-access
    return session.query(Invoice).filter(Invoice.id == account_id).first()


def invoice_list(request):  # expect: handler-data-access
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM invoices WHERE NOT paid")
        return JsonResponse({"invoices": cursor.fetchall()})


class InvoiceView(View):
    def get(self, request, pk):  # expect: handler-data-access
        # raw SQL beside an ORM lookup: reported for the SQL
        invoice = Invoice.objects.get(pk=pk)
        with connection.cursor() as cursor:
            cursor.execute("SELECT total FROM invoice_lines WHERE invoice_id = %s", [invoice.pk])
            return JsonResponse({"id": invoice.pk, "lines": cursor.fetchall()})


urlpatterns = [
    path("invoices/", invoice_list),
    path("invoices/<int:pk>/", InvoiceView.as_view()),
]
