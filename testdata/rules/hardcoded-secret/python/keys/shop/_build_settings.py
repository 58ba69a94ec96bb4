# Settings read only while the package is built (collectstatic, messages).
from .settings.base import *  # noqa: F403

# ok: a throw-away key for the build, never served
SECRET_KEY = "build-time-secret-key"
