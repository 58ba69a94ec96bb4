"""Token helpers."""

from app import db


def token_key(user_id):
    return f"token:{user_id}"


def purge_revoked_tokens(days):
    # The table is the RevokedToken model's: its queries belong beside it.
    db.session.execute("DELETE FROM revoked_tokens WHERE expires_at < NOW() - make_interval(days => :days)", {"days": days})  # expect: scattered-sql
    db.session.commit()
