from rest_framework.response import Response
from rest_framework.views import APIView


class ProjectListAPI(APIView):
    def get(self, request):
        return Response([])


class ProjectAPI(APIView):
    def get(self, request, pk):
        return Response({"id": pk})

    def delete(self, request, pk):
        return Response(status=204)
