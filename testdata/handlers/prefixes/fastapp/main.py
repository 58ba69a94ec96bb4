from fastapi import FastAPI

from fastapp.routers import items, shared, users

app = FastAPI()
app.include_router(items.router, prefix="/items")
app.include_router(users.router)
# Mounted under two prefixes: no single full route, so the route stays as written.
app.include_router(shared.router, prefix="/v1")
app.include_router(shared.router, prefix="/v2")
