from aiohttp import web
from django.http import JsonResponse
from django.views import View
from fastapi import FastAPI
from rest_framework.decorators import api_view

api = FastAPI()
routes = web.RouteTableDef()

sessions = {}
jobs = []
cache = dict()


@api.post("/login")
async def login(user: str):
    sessions[user] = {"user": user}  # expect: shared-mutable-state
    return sessions[user]


class JobView(View):
    def post(self, request):
        jobs.append(request.body)  # expect: shared-mutable-state
        return JsonResponse({"queued": len(jobs)})


@api_view(["DELETE"])
def flush(request):
    cache.clear()  # expect: shared-mutable-state
    return JsonResponse({})


@routes.put("/cache/{key}")
async def put(request):
    cache.update({request.match_info["key"]: await request.text()})  # expect: shared-mutable-state
    return web.Response()
