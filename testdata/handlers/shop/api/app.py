from fastapi import APIRouter, FastAPI
from flask import Blueprint

api = FastAPI()
router = APIRouter(prefix="/v1")
bp = Blueprint("admin", __name__)


@api.get("/health")
async def health():
    return {"ok": True}


@router.api_route("/items", methods=["GET", "HEAD"])
async def items():
    return []


@bp.route("/admin", methods=["POST"])
def admin():
    return "ok"


@lru_cache.get("/not-a-route")
def cached():
    return 1
