import jwt
from jose import jwt as jose_jwt


def current_user(request):
    token = request.headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})  # expect: jwt-verification-disabled
    return claims["sub"]


def legacy_user(token, key):
    return jwt.decode(token, key, verify=False)  # expect: jwt-verification-disabled


def accepts_none(token, key):
    return jwt.decode(token, key, algorithms=["HS256", "none"])  # expect: jwt-verification-disabled


def jose_user(token):
    claims = jose_jwt.get_unverified_claims(token)  # expect: jwt-verification-disabled
    return claims["sub"]


def jose_options(token, key):
    return jose_jwt.decode(
        token,
        key,
        options=dict(verify_signature=False),  # expect: jwt-verification-disabled
    )


DECODE_OPTIONS = {"verify_signature": False}  # expect: jwt-verification-disabled


def user_with_module_options(token, key):
    return jwt.decode(token, key, options=DECODE_OPTIONS)


def user_with_local_algorithms(token, key):
    accepted = ["HS256", "none"]  # expect: jwt-verification-disabled
    return jwt.decode(token, key, algorithms=accepted)
