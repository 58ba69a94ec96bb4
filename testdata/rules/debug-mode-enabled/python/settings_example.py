# ok: an example settings module that users copy and edit
DEBUG = True
ALLOWED_HOSTS = ["*"]
