from requests import request


def open_ticket(url, payload):
    return request("POST", url, data=payload)  # expect: http-call-without-timeout
