from django.http import JsonResponse
from django.urls import path
from django.views import View
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Article, Invoice


def invoice_list(request):
    # ok: a Django view querying the ORM is how the framework is meant to be used
    return JsonResponse({"invoices": list(Invoice.objects.filter(paid=False).values())})


class InvoiceView(View):
    def get(self, request, pk):
        # ok: a class-based view's ORM lookup (get-object-or-404 style)
        invoice = Invoice.objects.get(pk=pk)
        return JsonResponse({"id": invoice.pk})

    def post(self, request, pk):
        # ok: an ORM query in a same-class helper of a Django view
        return JsonResponse({"paid": self.mark_paid(pk)})

    def mark_paid(self, pk):
        return Invoice.objects.filter(pk=pk).update(paid=True)


class ArticleView(APIView):
    def get(self, request):
        # ok: a DRF view returning an ORM queryset
        return Response(list(Article.objects.all().values()))


urlpatterns = [
    path("invoices/", invoice_list),
    path("invoices/<int:pk>/", InvoiceView.as_view()),
]
