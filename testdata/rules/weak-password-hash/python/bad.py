import base64
import hashlib
from hashlib import sha1, md5 as md5_digest

import bcrypt
from Crypto.Hash import SHA256
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives import hashes
from passlib.hash import pbkdf2_sha256
from werkzeug.security import generate_password_hash


def register(username, password):
    digest = hashlib.md5(password.encode()).hexdigest()  # expect: weak-password-hash
    return username, digest


def register_salted(user, salt):
    # expect: weak-password-hash
    user.password_hash = hashlib.sha256((salt + user.raw).encode("utf-8")).hexdigest()


def check_login(form):
    expected = sha1(form.passwd.encode()).hexdigest()  # expect: weak-password-hash
    legacy = md5_digest(form.pwd).hexdigest()  # expect: weak-password-hash
    return expected, legacy


def hash_in_steps(new_password, salt):
    hasher = hashlib.sha512()  # expect: weak-password-hash
    hasher.update(salt)
    hasher.update(new_password.encode())
    return hasher.hexdigest()


def hash_by_name(passphrase):
    return hashlib.new("sha1", passphrase.encode()).hexdigest()  # expect: weak-password-hash


def pycryptodome(user_pass):
    return SHA256.new(user_pass.encode()).hexdigest()  # expect: weak-password-hash


def save(user, data):
    # expect: weak-password-hash
    db.insert(users, hashed_password=hashlib.sha384(data).hexdigest())


def low_bcrypt(password):
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=8))  # expect: weak-password-hash


def low_bcrypt_positional(password):
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(4))  # expect: weak-password-hash


def low_pbkdf2(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)  # expect: weak-password-hash


def low_pbkdf2_keyword(password, salt):
    kdf = PBKDF2HMAC(
        algorithm=hashes.SHA256(),
        length=32,
        salt=salt,
        iterations=10_000,  # expect: weak-password-hash
    )
    return kdf.derive(password.encode())


PASSLIB = pbkdf2_sha256.using(rounds=5000)  # expect: weak-password-hash


def werkzeug_low(password):
    return generate_password_hash(password, method="pbkdf2:sha256:1000")  # expect: weak-password-hash


def encoded(user, password):
    # expect: weak-password-hash
    user.password_digest = base64.b64encode(hashlib.sha1(b"pepper" + user.salt).digest())
    return password


def remember(password, store, fetch_range):
    # Sliced once, but also kept whole: a stored fast hash.
    sha = hashlib.sha1(password.encode()).hexdigest()  # expect: weak-password-hash
    fetch_range(sha[:5])
    store.save(sha)


def remember_login(password, seen, db):
    # A look-up key at first, then written to the database whole.
    key = hashlib.sha256(password.encode()).hexdigest()  # expect: weak-password-hash
    if key in seen:
        return True
    db.insert("logins", key)
