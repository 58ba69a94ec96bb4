import aiohttp
import httpx
import requests
import urllib.request
from requests import post as send_post


def fetch_invoice(invoice_id):
    return requests.get(f"{BASE}/invoices/{invoice_id}")  # expect: http-call-without-timeout


def create_order(payload):
    # expect: http-call-without-timeout
    return requests.post(
        ORDERS_URL,
        json=payload,
    )


def explicit_none(url):
    return requests.get(url, timeout=None)  # expect: http-call-without-timeout


def aliased(url, body):
    return send_post(url, data=body)  # expect: http-call-without-timeout


session = requests.Session()


def through_session(url):
    return session.get(url)  # expect: http-call-without-timeout


class Billing:
    def __init__(self):
        self.http = requests.Session()

    def charge(self, url, body):
        return self.http.post(url, json=body)  # expect: http-call-without-timeout


def read_feed(url):
    with urllib.request.urlopen(url) as response:  # expect: http-call-without-timeout
        return response.read()


def httpx_unbounded(url):
    return httpx.get(url, timeout=None)  # expect: http-call-without-timeout


unbounded_client = httpx.Client(base_url=BASE, timeout=None)  # expect: http-call-without-timeout


async def scrape(url):
    async with aiohttp.ClientSession() as client:  # expect: http-call-without-timeout
        async with client.get(url) as response:
            return await response.text()


NO_TIMEOUT = None
DEFAULTS = {"headers": {"Accept": "application/json"}}


def fetch_with_module_timeout(url):
    return requests.get(url, timeout=NO_TIMEOUT)  # expect: http-call-without-timeout


def fetch_with_defaults(url):
    return requests.get(url, **DEFAULTS)  # expect: http-call-without-timeout


def fetch_with_local_kwargs(url):
    kwargs = dict(headers={"Accept": "application/json"})
    return requests.get(url, **kwargs)  # expect: http-call-without-timeout
