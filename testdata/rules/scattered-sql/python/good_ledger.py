# ok: a module whose functions are queries is the data-access layer by what it
# does, whatever its name.
from app.db import db


async def get_entry(entry_id):
    return await db.fetchone("SELECT * FROM ledger WHERE id = :id", {"id": entry_id})


async def list_entries(account_id):
    return await db.fetchall("SELECT * FROM ledger WHERE account_id = :a ORDER BY at", {"a": account_id})


async def delete_entry(entry_id):
    await db.execute("DELETE FROM ledger WHERE id = :id", {"id": entry_id})


def _row_to_dict(row):
    return dict(row)
