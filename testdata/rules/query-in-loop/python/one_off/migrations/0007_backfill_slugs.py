# ok: a data migration runs once per deployment; a query per row is a one-off cost.
from django.db import migrations


def backfill(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for project in Project.objects.all():
        Project.objects.filter(id=project.id).update(slug=project.title.lower())


class Migration(migrations.Migration):
    operations = [migrations.RunPython(backfill)]
