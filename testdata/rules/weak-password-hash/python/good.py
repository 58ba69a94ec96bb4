import base64
import hashlib
import hmac
import os

import bcrypt
from argon2 import PasswordHasher


def etag(body):
    # ok: the digest of a response body is an ETag
    return hashlib.md5(body).hexdigest()


def cache_key(url, params):
    # ok: a cache key is not a password
    key = hashlib.sha1(f"{url}:{params}".encode()).hexdigest()
    return key


def checksum(path):
    # ok: a file checksum
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        sha.update(f.read())
    return sha.hexdigest()


def reset_token_digest(password_reset_token):
    # ok: reset tokens are random and high-entropy; a fast digest is fine
    return hashlib.sha256(password_reset_token.encode()).hexdigest()


def api_key_digest(client_secret, SECRET_KEY):
    # ok: API keys and client secrets are high-entropy values, not passwords
    stored = hashlib.sha256(client_secret.encode()).hexdigest()
    # ok: hmac keyed with SECRET_KEY is a MAC
    mac = hmac.new(SECRET_KEY.encode(), b"msg", hashlib.sha256).hexdigest()
    return stored, mac


def strong(password):
    # ok: bcrypt with the default cost
    one = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    # ok: bcrypt cost 12
    two = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))
    # ok: PBKDF2 with 600,000 iterations
    three = hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", 600_000)
    # ok: Argon2
    four = PasswordHasher().hash(password)
    return one, two, three, four


def configurable(password, settings):
    # ok: the iteration count comes from configuration
    return hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", settings.ITERATIONS)


def password_policy(PASSWORD_MIN_LENGTH):
    # ok: hashing a policy value, not a password
    return hashlib.md5(str(PASSWORD_MIN_LENGTH).encode()).hexdigest()


def document_fingerprint(document):
    # ok: stored in a field that is not a password hash
    document.content_hash = hashlib.sha256(document.body).hexdigest()


def shadowed(password):
    # ok: an update on an object that is not a hasher
    cache = {}
    cache.update(password=password)
    return cache


def generate_temporary_password():
    # ok: generating a random password is not hashing one
    password = hashlib.sha256(os.urandom(32)).hexdigest()
    return password


def secret_name_digest(secret_name):
    # ok: the name of a secret, not the secret
    return hashlib.md5(secret_name.encode()).hexdigest()


def wsse_token(cnonce, created, password):
    # ok: a challenge-response digest (WSSE) over a nonce, not a stored hash
    return base64.b64encode(hashlib.sha1(f"{cnonce}{created}{password}".encode()).digest())


def random_secret_and_hash(length=32):
    # ok: a generated secret's hash (a payment hash), not a stored password
    secret = os.urandom(length)
    return secret.hex(), hashlib.sha256(secret).hexdigest()


def fake_private_key(secret):
    # ok: a key derived from a configured secret, not a password hash
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), b"FakeWallet", 2048, 32).hex()


def is_pwned(password, fetch_range):
    # ok: a k-anonymity look-up: only the digest's first five characters leave
    sha = hashlib.sha1(password.encode()).hexdigest().upper()
    suffixes = fetch_range(sha[:5])
    return sha[5:] in suffixes


class Account:
    def check_password(self, password):
        # ok: the digest only keys this object's memory of passwords already
        # checked, so the resolver is asked once; it is never stored or sent
        key = hashlib.sha3_512(password.encode("utf-8")).hexdigest()
        if key in self._checked.keys():
            return self._checked[key]
        self._checked[key] = self.resolver.check(self.login, password)
        return self._checked[key]
