from django.http import JsonResponse
from django.urls import path


# ok: a view that reads the visitor's web session talks to no database
def basket(request):
    return JsonResponse({"items": request.session.get("basket", [])})


urlpatterns = [path("basket/", basket)]
