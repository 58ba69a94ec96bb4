import jwt
import requests
from jose import jwt as jose_jwt


def current_user(token, key):
    # ok: verified decoding with an explicit algorithm list
    return jwt.decode(token, key, algorithms=["HS256"])


def by_issuer(token, keys):
    # ok: peeking at the issuer before a verified decode in the same function
    unverified = jwt.decode(token, options={"verify_signature": False})
    key = keys[unverified["iss"]]
    return jwt.decode(token, key, algorithms=["RS256"], audience="api")


def jose_with_kid(token, jwks):
    # ok: reading the header to pick the key, then verifying
    header = jose_jwt.get_unverified_header(token)
    claims = jose_jwt.get_unverified_claims(token)
    key = jwks[header["kid"]]
    verified = jose_jwt.decode(token, key, algorithms=["RS256"], issuer=claims["iss"])
    return verified


def expiry_only(token, key):
    # ok: only the expiry check is relaxed; the signature is still verified
    return jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})


def tls(url):
    # ok: verify=False on an HTTP call is a TLS problem, not a JWT one
    return requests.get(url, verify=False, timeout=5)


def unrelated(payload):
    # ok: another library's decode
    import json
    return json.loads(payload)


class TokenCodec:
    def decode(self, token, verify=True):
        return token


def local_object(token):
    # ok: a local object named jwt, not the PyJWT module
    jwt_codec = TokenCodec()
    return jwt_codec.decode(token, verify=False)


def user_with_parameter_options(token, key, options):
    # ok: the options come from the caller; nothing here says what they hold
    return jwt.decode(token, key, algorithms=["HS256"], options=options)


def user_with_checked_options(token, key, strict):
    # ok: the options may be replaced before the call, so their value is unknown
    options = {"verify_signature": False}
    if strict:
        options = {"verify_signature": True}
    return jwt.decode(token, key, algorithms=["HS256"], options=options)
