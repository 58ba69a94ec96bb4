import socket
import ssl
import urllib3
import httpx
import requests as req
from aiohttp import ClientSession, TCPConnector


def fetch(url):
    return req.get(url, verify=False)  # expect: tls-verification-disabled


def post(url, body):
    return req.post(
        url,
        json=body,
        verify=False,  # expect: tls-verification-disabled
    )


session = req.Session()
session.verify = False  # expect: tls-verification-disabled

client = httpx.Client(verify=False)  # expect: tls-verification-disabled


async def pull(url):
    async with httpx.AsyncClient(verify=False) as c:  # expect: tls-verification-disabled
        return await c.get(url)


async def stream(url):
    connector = TCPConnector(ssl=False)  # expect: tls-verification-disabled
    async with ClientSession(connector=connector) as s:
        async with s.get(url, verify_ssl=False) as r:  # expect: tls-verification-disabled
            return await r.text()


pool = urllib3.PoolManager(cert_reqs="CERT_NONE")  # expect: tls-verification-disabled
other = urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)  # expect: tls-verification-disabled

ctx = ssl._create_unverified_context()  # expect: tls-verification-disabled
ctx2 = ssl.create_default_context()
ctx2.check_hostname = False  # expect: tls-verification-disabled
ctx2.verify_mode = ssl.CERT_NONE  # expect: tls-verification-disabled

ssl._create_default_https_context = ssl._create_unverified_context  # expect: tls-verification-disabled


VERIFY_TLS = False


def fetch_report(url):
    return req.get(url, verify=VERIFY_TLS, timeout=5)  # expect: tls-verification-disabled


def fetch_export(url):
    check = False
    return req.post(url, verify=check, timeout=5)  # expect: tls-verification-disabled


INSECURE = {"verify": False, "timeout": 10}  # expect: tls-verification-disabled


def fetch_spread(url):
    return req.get(url, **INSECURE)


def send_report(host, port, report):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # expect: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE  # expect: tls-verification-disabled
    with socket.create_connection((host, port)) as sock:
        with ctx.wrap_socket(sock, server_hostname=host) as tls:
            peer = tls.getpeercert()
            tls.sendall(report)
            return peer
