import jwt
from jose import jwt as jose_jwt


def unverified_claims(token):
    # A decode wrapper: whether its claims are trusted is up to its callers.
    return jwt.decode(token, options={"verify_signature": False})


def claims_of(token):
    return jose_jwt.get_unverified_claims(token)


def verify(token, key):
    return jwt.decode(token, key, algorithms=["HS256"])


def legacy_claims(raw):
    # No caller in the project reaches this one: it is judged where it decodes.
    return jwt.decode(raw, options={"verify_signature": False})  # expect: jwt-verification-disabled
