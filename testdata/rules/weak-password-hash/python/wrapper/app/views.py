import hashlib

from app import security


def register(request):
    password = request.POST["password"]
    return security.digest(password)  # expect: weak-password-hash


def fingerprint(value):
    return hashlib.sha256(value.encode()).hexdigest()


def change_password(user, new_password):
    user.password_hash = fingerprint(new_password)  # expect: weak-password-hash


def cached_page(request):
    # ok: a digest used as a cache key, of a value that is not a password
    return security.cache_key(request.path)


def salted_lookup(password, salt):
    # ok: the password is passed where the wrapper takes the salt, which it does not hash alone
    return security.salted(password, salt)


def shown(password):
    # ok: a wrapper that only formats its argument
    return security.label(password)
