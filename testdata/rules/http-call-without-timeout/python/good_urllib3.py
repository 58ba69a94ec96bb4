import urllib3

# ok: the pool's timeout bounds every request through it
pool = urllib3.PoolManager(timeout=urllib3.Timeout(connect=2.0, read=10.0))


def fetch(url):
    # ok: a per-request timeout
    return urllib3.request("GET", url, timeout=5.0)


def fetch_pooled(url):
    return pool.request("GET", url)
