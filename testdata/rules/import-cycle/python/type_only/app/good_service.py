import typing

from app.good_models import Model

if typing.TYPE_CHECKING:
    # ok: typing.TYPE_CHECKING counts too
    from app import good_models


class Service:
    model = Model
