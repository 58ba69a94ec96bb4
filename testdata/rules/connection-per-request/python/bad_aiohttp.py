import aiosqlite
import asyncpg
from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/notes")
async def list_notes(request):
    async with aiosqlite.connect("notes.db") as db:  # expect: connection-per-request
        rows = await db.execute_fetchall("SELECT * FROM notes")
    return web.json_response(rows)


async def add_note(request):
    conn = await asyncpg.connect("postgresql://localhost/notes")  # expect: connection-per-request
    await conn.execute("INSERT INTO notes(body) VALUES($1)", await request.text())
    return web.Response(status=201)


app = web.Application()
app.add_routes(routes)
app.router.add_post("/notes", add_note)
