import urllib.request


def check_logo(url):
    # ok: a test suite the package ships for its users' tests, not server code
    return urllib.request.urlopen(url).status == 200
