import asyncpg
import pymongo
from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter(prefix="/api")


@app.get("/health/db")
async def db_health():
    conn = await asyncpg.connect("postgresql://localhost/app")  # expect: connection-per-request
    await conn.execute("SELECT 1")
    await conn.close()
    return {"ok": True}


@router.post("/events")
async def ingest(event: dict):
    client = pymongo.MongoClient("mongodb://localhost")  # expect: connection-per-request
    client.events.raw.insert_one(event)
    return event


async def stats():
    pool = await asyncpg.create_pool(dsn="postgresql://localhost/app")  # expect: connection-per-request
    return await pool.fetchval("SELECT count(*) FROM events")


app.add_api_route("/stats", stats, methods=["GET"])
