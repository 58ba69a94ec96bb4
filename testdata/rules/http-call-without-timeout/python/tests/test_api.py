import requests


# ok: test code is not checked
def test_health():
    assert requests.get("http://localhost:8000/health").ok
