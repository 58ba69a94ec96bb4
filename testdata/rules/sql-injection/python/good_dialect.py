# ok: SQL fragments from the database handle itself (dialect types, the
# current time, bound-parameter placeholders), and a comment between the
# arguments of `.format()`.
from app.core.db import db


async def create_table():
    await db.execute(
        f"""
        CREATE TABLE tasks (
            id TEXT PRIMARY KEY,
            payload {db.blob} NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT {db.timestamp_now}
        );
        """
    )


async def expire(conn, cutoff):
    await (conn or db).execute(
        f"DELETE FROM tasks WHERE created_at < {db.timestamp_placeholder('cutoff')}",
        {"cutoff": cutoff},
    )


TASKS_TABLE = "tasks"


def bulk(cursor, rows):
    cursor.execute(
        "UPDATE {} SET done = %s".format(  # nosec
            TASKS_TABLE.upper()
        ),
        rows,
    )


async def drop_indexes():
    for index in ["idx_payments_wallet", "idx_payments_status"]:
        await db.execute(f"DROP INDEX IF EXISTS {index}")


async def create_indexes():
    columns = ["wallet_id", "status", "created_at"]
    for column in columns:
        await db.execute(f"CREATE INDEX IF NOT EXISTS idx_payments_{column} ON payments ({column})")


async def count_rows(table_name):
    # ok: reviewed for injection with another linter's marker (the name is
    # checked by the caller against a list of tables)
    query = f"SELECT COUNT(*) AS count FROM {table_name}"  # noqa: S608
    return await db.execute(query)
