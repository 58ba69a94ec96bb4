# ok: helpers that write SQL for any table (the table is a parameter) are the
# machinery of a data layer, not a query scattered into business code.
from django.db import connections


def bulk_update(objs, meta, using="default"):
    connection = connections[using]
    dbtable = '"{}"'.format(meta.db_table)
    sql = "UPDATE {dbtable} SET {values} WHERE {in_clause}".format(
        dbtable=dbtable,
        values="a = 1",
        in_clause="id in (%s)",
    )
    connection.cursor().execute(sql, [1])


def truncate(table):
    with connections["default"].cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")


def label(obj):
    return str(obj)


def describe(obj):
    return repr(obj)


def shout(text):
    return text.upper()


# ok: database plumbing that reads no table: an advisory lock
def lock_event(key):
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT pg_advisory_xact_lock({int(key)})")
