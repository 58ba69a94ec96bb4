import requests as library


def request(method, url, *, timeout=5, **kwargs):
    return library.request(method, url, timeout=timeout, **kwargs)
