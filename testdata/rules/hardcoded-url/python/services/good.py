import os

from app import settings

# ok: the URL comes from configuration
resp = httpx.get(f"{settings.BILLING_URL}/invoices", timeout=5)

# ok: the host is interpolated
url = f"https://{host}/v1/status"

# ok: a docs link inside prose
HELP = "Rate limited; see https://docs.example.com/limits for details."

# ok: an XML namespace
NS = {"soap": "http://schemas.xmlsoap.org/soap/envelope/", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}

# ok: a JSON-schema identifier
SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema"}

# ok: a localhost default inside an environment look-up
API = os.environ.get("API_URL", "http://localhost:8000")

# ok: a scheme that is not a service
MAILTO = "mailto://ops@example.net"


def fetch():
    """Fetches https://billing.internal.example.net/v1/invoices every hour."""
    # ok: the URL above is in a docstring and this one in a comment: https://example.net
    return None


# ok: a key with a colon and a number is not an address
cache.get("user:42")

# ok: a time of day
schedule("12:30")

# ok: a host:port that is not passed to a call
PAIR = "db.example.net:5432"

# ok: a bare local address
server.bind("127.0.0.1:8080")

# ok: a JSON schema store identifier
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# ok: a documentation link used as a value
PEP_URL = "https://peps.python.org/pep-%04d/"
DOCS = "https://docs.python.org/3/library/"

# ok: a SAX feature identifier
feature_namespaces = "http://xml.org/sax/features/namespaces"

# ok: one piece of an implicitly concatenated prose string
TEXT = ("The table is derived from\n"
        "https://www.example.org/Public/ucd/DerivedCoreProperties.txt\n")

# ok: origins a Content-Security-Policy allows; the browser checks them, nothing connects
CSP_CONNECT_SRC = ("'self'", "https://api.sandbox.paypal.com")
csps = {
    "connect-src": ["https://www.paypal.com", "https://www.sandbox.paypal.com"],
    "frame-src": ("https://js.staging.stripe.internal",),
}


class MySQLEngineSpec:
    # ok: a documented format shown as a hint, with `host` and `port` as words
    sqlalchemy_uri_placeholder = "mysql://user:password@host:port/dbname[?key=value&key=value...]"
    # ok: the same with only the port as a word
    example_uri = "postgresql://db.internal:port/app"


def prompt_redis(prompt):
    # ok: a local default the person running the setup confirms or changes
    return prompt("Redis URI", default="redis://127.0.0.1:6379/0")


# ok: the shapes of a code host's public repository URLs, matched against webhooks
AZURE_REPOS = (
    "https://dev.azure.com/{organization}/{project}/_git/{repository}",
    "https://{organization}.visualstudio.com/{project}/_git/{repository}",
)


def in_process_client(app, settings):
    # ok: the base URL of a client whose transport is the app itself, in process
    settings.setdefault("transport", httpx.ASGITransport(app=app))
    settings.setdefault("base_url", "http://ephemeral-app/api")
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://app-in-memory/api",
    )
