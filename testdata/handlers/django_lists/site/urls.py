from django.urls import include, re_path

urlpatterns = [
    # A regex prefix that only anchors: no prefix at all.
    re_path(r"^", include("projects.urls")),
]
