import asyncpg
from aiohttp import web
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Article

routes = web.RouteTableDef()
pool = None


@routes.get("/articles")
async def list_articles(request):  # expect: handler-data-access
    async with request.app["pool"].acquire() as conn:
        rows = await asyncpg.connect().fetch("SELECT * FROM articles")
    return web.json_response(rows)


class ArticleView(APIView):
    def get(self, request):  # expect: handler-data-access
        # SQL text in a DRF view, even through the ORM's raw(): the ORM idiom does not cover it
        return Response([a.pk for a in Article.objects.raw("SELECT id FROM articles WHERE published")])
