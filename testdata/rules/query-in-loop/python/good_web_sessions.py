from django.db import models
from django.http import JsonResponse
from flask import session


class Item(models.Model):
    name = models.CharField(max_length=40)


def cart_view(request, keys):
    items = []
    for key in keys:
        # ok: `request.session` is the visitor's web session, not a database session
        items.append(request.session.get(key))
    return JsonResponse({"items": items})


class CartView:
    def get(self, keys):
        # ok: the web session again, reached through the view
        return [self.request.session.get(key) for key in keys]


def flask_preferences(names):
    out = {}
    for name in names:
        # ok: Flask's `session` is the signed cookie, not a database session
        out[name] = session.get(name)
    return out
