from . import c_tax


def price(item):
    return item * c_tax.RATE
