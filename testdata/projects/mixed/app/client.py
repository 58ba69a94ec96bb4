"""HTTP client of the billing service."""
import requests


def fetch_invoice(url: str) -> dict:
    response = requests.get(url, verify=False, timeout=10)
    return response.json()


def fetch_status(url: str) -> int:
    # backlint: ignore[tls-verification-disabled] -- the status page uses a self-signed test certificate
    return requests.get(url, verify=False, timeout=5).status_code


def fetch_health(url: str) -> int:
    return requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=5).status_code
