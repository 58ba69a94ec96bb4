from .base import *  # noqa: F403

# ok: a development-only settings module
SECRET_KEY = "keyboard cat"
DEBUG = True
