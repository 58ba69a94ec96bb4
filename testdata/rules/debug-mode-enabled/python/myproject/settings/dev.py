# ok: dev.py is a development-only settings module
DEBUG = True
