from app.db import connection
from app.models import Record, Workout

RECORD_COLUMNS = {"FD": "distance", "LD": "duration", "MS": "max_speed"}


class Stats:
    @classmethod
    def best_of(cls, user_id):
        records = {}
        for kind, column in RECORD_COLUMNS.items():
            records[kind] = Workout.query.filter_by(user_id=user_id).order_by(column).first()
        return records

    @classmethod
    def workouts_of(cls, user_ids):
        found = []
        for user_id in user_ids:
            found.append(user_id)
        return found


def update_records(user_id):
    best = Stats.best_of(user_id)
    for kind, workout in best.items():
        # ok: best_of fills its result in a loop over a constant: one entry per record kind
        connection.execute(Record.update().where(Record.kind == kind).values(workout_id=workout.id))


def touch_users(user_ids):
    for user_id in Stats.workouts_of(user_ids):
        connection.execute(Record.delete().where(Record.user_id == user_id))  # expect: query-in-loop
