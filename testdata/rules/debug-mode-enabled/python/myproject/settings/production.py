from .base import *  # noqa: F403

DEBUG = True  # expect: debug-mode-enabled
ALLOWED_HOSTS = ["example.com"]
