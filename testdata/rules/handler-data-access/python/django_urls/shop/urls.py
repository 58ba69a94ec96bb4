from django.urls import path

from . import views
from .exports import orders_export

urlpatterns = [
    path("orders/", views.order_list),
    path("orders/export/", orders_export),
    path("orders/summary/", views.order_summary),
    path("healthcheck/", views.healthcheck),
    path("orders/<int:pk>/", views.OrderDetail.as_view()),
]
