import requests


def broken(:
    requests.get("https://example.com", verify=False)
