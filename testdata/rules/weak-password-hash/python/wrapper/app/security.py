import hashlib


def digest(value):
    # The wrapper's parameter says nothing; its callers pass passwords.
    return hashlib.md5(value.encode()).hexdigest()


def cache_key(text):
    return hashlib.sha1(text.encode()).hexdigest()


def salted(salt, value):
    return hashlib.sha256((salt + value).encode()).hexdigest()


def label(value):
    return f"user:{value}"
