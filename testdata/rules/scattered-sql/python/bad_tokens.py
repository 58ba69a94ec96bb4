import logging

log = logging.getLogger(__name__)


def purge(session, user_id):
    # SQL text held in a name is still SQL text.
    stmt = "DELETE FROM token WHERE owner_id = :id"  # expect: scattered-sql
    session.execute(stmt, {"id": user_id})
    log.info("purged tokens of %s", user_id)


def mask(serial):
    return serial[:4] + "*" * max(len(serial) - 4, 0)


def remaining_uses(token, limit):
    return max(limit - token.uses, 0)


def summary(tokens):
    return ", ".join(sorted(t.kind for t in tokens))
