from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--lock-id", type=int, default=72)

    def handle(self, *args, **options):
        self.take_lock(options["lock_id"])

    def take_lock(self, lock_id):
        with connection.cursor() as cursor:
            # ok: a management command's arguments come from the operator who runs it
            cursor.execute(f"SELECT pg_advisory_lock({lock_id})")
