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
    return JsonResponse({"invoices": list(Invoice.objects.filter(paid=False).values())})


class InvoiceView(View):
    def get(self, request, pk):  # expect: handler-data-access
        invoice = Invoice.objects.get(pk=pk)
        return JsonResponse({"id": invoice.pk})


urlpatterns = [
    path("invoices/", invoice_list),
    path("invoices/<int:pk>/", InvoiceView.as_view()),
]
