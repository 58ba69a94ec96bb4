import aiohttp
import httpx
import requests
import urllib.request

# ok: requests with a timeout
requests.get(URL, timeout=5)

# ok: a (connect, read) timeout tuple
requests.post(URL, json={}, timeout=(3.05, 27))

# ok: a timeout from configuration
requests.put(URL, timeout=settings.HTTP_TIMEOUT)

# ok: options passed through **kwargs may hold the timeout
requests.get(URL, **options)

# ok: a session call with its own timeout
session = requests.Session()
session.get(URL, timeout=10)

# ok: httpx has a default timeout
httpx.get(URL)

# ok: an httpx client without timeout= keeps the library default
client = httpx.Client(base_url=URL)
client.get("/health")

# ok: an httpx client built with a timeout and reused
bounded = httpx.AsyncClient(timeout=10.0)
bounded.get(URL)

# ok: urlopen with a timeout keyword
urllib.request.urlopen(URL, timeout=10)

# ok: urlopen with the timeout as third positional argument
urllib.request.urlopen(URL, None, 10)


# ok: an aiohttp session with a ClientTimeout
async def fetch(url):
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as s:
        return await s.get(url)


# ok: a get() on something that is not an HTTP client
config = {"a": 1}
config.get("a")


# ok: a local function called get
def get(url):
    return url


get(URL)

# ok: a session received as a parameter is not followed
def call(s, url):
    return s.get(url)


BOUNDED = {"timeout": 10, "headers": {"Accept": "application/json"}}


def fetch_with_bounded_defaults(url):
    # ok: the timeout comes with the keyword arguments held in a module constant
    return requests.get(url, **BOUNDED)


def fetch_with_local_timeout(url):
    # ok: the timeout is held in a local dictionary
    kwargs = dict(timeout=5)
    return requests.get(url, **kwargs)


def fetch_with_kwargs_of_caller(url, **kwargs):
    # ok: the caller's keyword arguments may carry a timeout
    return requests.get(url, **kwargs)
