# ok: tests may hardcode URLs
def test_get(client):
    assert client.get("https://api.example.net/health").status_code == 200
