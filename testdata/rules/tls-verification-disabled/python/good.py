import socket
import ssl
import jwt
import requests
import httpx

# ok: verification on by default
requests.get("https://api.example.com/health", timeout=5)

# ok: a custom CA bundle keeps verification on
requests.get("https://internal.example", verify="/etc/ssl/internal-ca.pem", timeout=5)

# ok: verify=True is explicit and safe
httpx.Client(verify=True)

# ok: a configurable switch is not a literal False
def fetch(url, settings):
    return requests.get(url, verify=settings.VERIFY_TLS, timeout=5)

# ok: jwt's verify=False is a different problem, not TLS
claims = jwt.decode("token", verify=False)

# ok: a strict SSL context
ctx = ssl.create_default_context()
ctx.check_hostname = True
ctx.verify_mode = ssl.CERT_REQUIRED

# ok: the text in a string is not code
HELP = "never pass verify=False or ssl._create_unverified_context() in production"

# ok: a dictionary key named verify on an unrelated object
options = {"verify": False}

# ok: an unrelated function with a verify keyword in a module with no HTTP client call
def check(document, verify=False):
    return document


class Form:
    # ok: an attribute called verify on a non-session object set to True
    def __init__(self):
        self.verify = True


def fetch_with_setting(url, settings):
    # ok: the flag comes from configuration at run time
    verify = settings.VERIFY_TLS
    return requests.get(url, verify=verify, timeout=5)


def fetch_with_bundle(url, insecure):
    # ok: the value depends on a branch; nothing says it is False when the call runs
    verify = "/etc/ssl/certs/ca.pem"
    if insecure:
        verify = False
    return requests.get(url, verify=verify, timeout=5)


# ok: the options a call spreads keep verification on
CHECKED = {"verify": True, "timeout": 10}


def fetch_spread(url):
    return requests.get(url, **CHECKED)


def fetch_certificate(host, port, timeout):
    ctx = ssl.create_default_context()
    # ok: the connection only reads the server's certificate to report on its expiry
    ctx.check_hostname = False
    # ok: the same
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=timeout) as sock:
        with ctx.wrap_socket(sock, server_hostname=host) as tls:
            return tls.getpeercert(binary_form=True)
