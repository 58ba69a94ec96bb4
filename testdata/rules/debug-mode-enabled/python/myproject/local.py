# ok: local.py is development-only
INSTALLED_APPS = []
DEBUG = True
