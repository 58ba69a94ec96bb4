import logging

log = logging.getLogger(__name__)


def purge(session, user_id):
    # SQL text held in a name is still SQL text.
    stmt = "DELETE FROM token WHERE owner_id = :id"  # expect: scattered-sql
    session.execute(stmt, {"id": user_id})
    log.info("purged tokens of %s", user_id)


def describe(token):
    return {"serial": token.serial, "active": token.active}


def is_expired(token, now):
    return token.valid_until is not None and token.valid_until < now


def label(token):
    return f"{token.kind}:{token.serial}"
