import os

INSTALLED_APPS = ["corsheaders"]

CORS_ALLOW_ALL_ORIGINS = True  # expect: permissive-cors
CORS_ALLOW_CREDENTIALS = True

DEBUG = os.environ.get("DEBUG") == "1"
