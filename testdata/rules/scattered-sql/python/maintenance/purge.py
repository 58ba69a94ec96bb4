"""Purges expired sessions; run from a scheduled command."""

from app import db


def purge_sessions(days):
    # ok: a module whose one function runs one statement straight through
    db.session.execute("DELETE FROM sessions WHERE expires_at < NOW() - make_interval(days => :days)", {"days": days})
    db.session.commit()
