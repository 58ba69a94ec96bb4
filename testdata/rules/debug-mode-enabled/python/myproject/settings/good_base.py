import os

# ok: read from the environment
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
# ok: off
TEMPLATE_DEBUG = False
