from app import tokens
from app.tokens import claims_of, unverified_claims

KEY = None


def profile(request):
    claims = unverified_claims(request.headers["Authorization"])  # expect: jwt-verification-disabled
    return {"user": claims["sub"]}


def tenant(request, token):
    return claims_of(token)["tenant"]  # expect: jwt-verification-disabled


def refresh(token):
    # ok: peeks at the key id, then verifies through the project's verifier
    kid = tokens.unverified_claims(token)["kid"]
    return tokens.verify(token, KEY[kid])
