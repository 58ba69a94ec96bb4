from django.db import connection, transaction

from app.models import Export, Task


def run_due_exports():
    with transaction.atomic():
        due = Export.objects.filter(done=False).select_for_update(
            skip_locked=connection.features.has_select_for_update_skip_locked
        )[:10]
        for export in due:
            # ok: each row is a job this worker claimed (SKIP LOCKED): handled one by one on purpose
            Task.objects.create(export=export, kind="run")


def first_unlocked(task_ids):
    for task_id in task_ids:
        task = Task.objects.select_for_update(skip_locked=True).filter(pk=task_id).first()  # expect: query-in-loop
        if task:
            return task
    return None
