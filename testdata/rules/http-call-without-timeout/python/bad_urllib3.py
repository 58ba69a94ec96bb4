import urllib3

pool = urllib3.PoolManager(retries=3)  # expect: http-call-without-timeout


def fetch(url):
    return urllib3.request("GET", url)  # expect: http-call-without-timeout


def fetch_pooled(url):
    return pool.request("GET", url)
