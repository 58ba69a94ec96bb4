import asyncpg
import pymongo
from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter(prefix="/api")


@app.get("/health/db")
async def db_health():
    # ok: a health check's connection is the probe itself (is the database up?)
    conn = await asyncpg.connect("postgresql://localhost/app")
    await conn.execute("SELECT 1")
    await conn.close()
    return {"ok": True}


@app.get("/orders/{order_id}")
async def order(order_id: int):
    conn = await asyncpg.connect("postgresql://localhost/app")  # expect: connection-per-request
    row = await conn.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)
    await conn.close()
    return dict(row)


@router.post("/events")
async def ingest(event: dict):
    client = pymongo.MongoClient("mongodb://localhost")  # expect: connection-per-request
    client.events.raw.insert_one(event)
    return event


async def stats():
    pool = await asyncpg.create_pool(dsn="postgresql://localhost/app")  # expect: connection-per-request
    return await pool.fetchval("SELECT count(*) FROM events")


app.add_api_route("/stats", stats, methods=["GET"])
