# ok: a module that is not settings: SECRET_KEY here is a constant of the
# catalogue's own, not Django's signing key
SECRET_KEY = "hidden-products"


def visible(product, keys):
    return SECRET_KEY not in keys or product.public
