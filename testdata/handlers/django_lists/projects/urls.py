from django.urls import include, path

from . import api, views

app_name = "projects"

# Lists of this module, included below under their prefixes.
_api_urlpatterns = [
    path("", api.ProjectListAPI.as_view(), name="project-list"),
    path("<int:pk>/", api.ProjectAPI.as_view(), name="project-detail"),
]

_urlpatterns = [
    path("", views.project_list, name="project-index"),
]

urlpatterns = [
    path("projects/", include(_urlpatterns)),
    path("api/projects/", include((_api_urlpatterns, app_name), namespace="api")),
]
