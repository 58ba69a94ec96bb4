import requests


def fetch_air_quality(city):
    # ok: an example pipeline shipped for users to read and copy, not production code
    return requests.get(f"https://air.example.org/{city}").json()
