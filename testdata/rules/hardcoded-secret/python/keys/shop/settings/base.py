import os

INSTALLED_APPS = ["django.contrib.sessions", "shop"]

# ok: read from the environment, no fallback
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
