import psycopg2
from django.db import connection
from django.http import JsonResponse


def list_invoices(request):
    conn = psycopg2.connect("dbname=billing")  # expect: connection-per-request
    with conn.cursor() as cursor:
        cursor.execute("SELECT id FROM invoices")
        return JsonResponse({"ids": [r[0] for r in cursor.fetchall()]})


# ok: Django's connection is the framework's per-thread connection, reused across requests
def export_invoices(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM invoices")
        return JsonResponse({"ids": [r[0] for r in cursor.fetchall()]})


# ok: not routed anywhere: a maintenance helper run from a command
def reindex():
    conn = psycopg2.connect("dbname=billing")
    conn.cursor().execute("REINDEX TABLE invoices")
