# The settings a deployment runs with: the key signs sessions and
# password-reset links, whatever it looks like.
from .base import *  # noqa: F403

SECRET_KEY = "keyboard cat"  # expect: hardcoded-secret
DEBUG = False
