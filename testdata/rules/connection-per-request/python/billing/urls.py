from django.urls import path

from . import views

urlpatterns = [
    path("invoices/", views.list_invoices),
    path("invoices/export/", views.export_invoices),
]
