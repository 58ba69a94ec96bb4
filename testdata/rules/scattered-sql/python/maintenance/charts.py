"""Chart points of a workout."""

from app import db


def chart_points(workout_id):
    rows = db.session.execute("SELECT points FROM segments WHERE workout_id = :id", {"id": workout_id}).all()  # expect: scattered-sql
    if not rows:
        raise LookupError("no segments")
    return [p for row in rows for p in row.points]
