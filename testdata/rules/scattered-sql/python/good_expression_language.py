import logging

from sqlalchemy.sql.expression import delete

from app.models import TokenOwner, db

log = logging.getLogger(__name__)


def unassign(tokens):
    for token in tokens:
        try:
            session = db.session
            # ok: a statement of SQLAlchemy's expression language, not SQL text
            stmt = delete(TokenOwner).where(TokenOwner.token_id == token.id)
            session.execute(stmt)
            session.commit()
        except Exception:
            log.error("update token DB failed")
            raise


def describe(token):
    return {"serial": token.serial, "active": token.active}


def is_expired(token, now):
    return token.valid_until is not None and token.valid_until < now


def label(token):
    return f"{token.kind}:{token.serial}"
