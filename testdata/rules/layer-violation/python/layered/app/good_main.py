# ok: a module in no layer may import any layer
from app.handlers import api
# ok: standard library and third-party imports are not project modules
import json

APP = (api, json)
