import psycopg

AWS_ACCESS_KEY_ID = "AKIAUJZDE8GXD6NCF10E"  # expect: hardcoded-secret
DB_PASSWORD = "hunter22!"  # expect: hardcoded-secret
STRIPE = {"api_key": "sk_live_YlSXpfKtHF4vUCsMehGAkWvj"}  # expect: hardcoded-secret


def connect():
    return psycopg.connect(host=DB_HOST, user="app", password="q8Zr!pL2vWx")  # expect: hardcoded-secret


class Client:
    def __init__(self, client_secret="YrEqmSM9wCZ7Uw9x"):  # expect: hardcoded-secret
        self.token = "c1d190409a95cd609f74c686cffeae8e95eeaade"  # expect: hardcoded-secret


headers = {"Authorization": "Bearer c1d190409a95cd609f74c686cffeae8e95eeaade"}  # expect: hardcoded-secret

DATABASE_URL = "postgresql://app:s3cr3tPa55@db.prod.example.net:5432/shop"  # expect: hardcoded-secret

notice = "deploy with ghp_jIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7Dxtp"  # expect: hardcoded-secret

# expect: hardcoded-secret
PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAuQ3k8Zr2pL1vWx9T4m7Nq2sY8c0fJ1dHk3LpQ6rV9wXz2B5n
Fq8dK2mP7sT1vY4xZ9cB3nH6jL0wQ5eR8uI2oA7gS1dF4hJ6kL9zX3cV5bN8mQ1w
-----END RSA PRIVATE KEY-----
"""

SERVICE_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyJ9.Xk3pL9qZr2Tt8vWm1YbN4cQ7sD0fG5hJ6kLxA2eR9uI"  # expect: hardcoded-secret


# A record whose secret goes somewhere other than a URL is still a secret.
def seed_users():
    for row in [{"name": "admin", "password": "q8Zr!pL2vWx7"}]:  # expect: hardcoded-secret
        create_user(row["name"], row["password"])


# A token sent as a keyword of a non-URL call is a credential.
def notify():
    send(kwargs={"token": "c1d190409a95cd609f74c686cffeae8e95eeaade"})  # expect: hardcoded-secret


# Names that say credential without saying password or secret.
ADMIN_PASS = "Wq7#vLp2!xZ9"  # expect: hardcoded-secret
STATIC_KEY = "a8f5f167f44f4964e6c998dee827110c"  # expect: hardcoded-secret
WALLET_MNEMONIC = "dose rich ginger adapt ranch lunar raven cliff thumb spike oven glory"  # expect: hardcoded-secret


def connect_vault(client):
    # A directive for another check does not acknowledge the password.
    password = "Vq7#kLm2Zp9Rw4Tx"  # nosec B608 # expect: hardcoded-secret
    return client.login("ops", password)
