"""Expires unpaid orders."""

from django.db import connection


def expiry_label(days):
    return f"unpaid for {days} days"


def expire_unpaid(days):
    with connection.cursor() as cursor:
        # Django names the Order model's table shop_order: this is the model's table.
        cursor.execute("UPDATE shop_order SET status = 'expired' WHERE status = 'unpaid' AND created < now() - %s * interval '1 day'", [days])  # expect: scattered-sql
