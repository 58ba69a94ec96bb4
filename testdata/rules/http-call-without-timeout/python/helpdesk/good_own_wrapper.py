from .requests import request


def open_ticket(url, payload):
    # ok: the package's own `requests` module (a wrapper that sets a default
    # timeout), not the requests library
    return request("POST", url, data=payload)
