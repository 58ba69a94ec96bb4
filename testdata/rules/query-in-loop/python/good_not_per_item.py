# ok: loops that do not run once per item of data.
from django.db import connection, transaction

from .models import Job, ObjectType, Tag, Task
import itertools
import json
import time
from collections import defaultdict
from itertools import groupby

from sqlalchemy.exc import OperationalError

from .utils import CLAIM_DUE_JOBS, UPDATE_ORPHANS, batch, sort_key

INDEXES = ["CREATE INDEX a ON t (a)", "CREATE INDEX b ON t (b)"]


def export(task_ids):
    for ids in batch(task_ids, 1000):
        yield list(Task.objects.filter(id__in=ids))


def add_indexes():
    with connection.cursor() as cursor:
        for sql in ["CREATE INDEX c ON t (c)", "CREATE INDEX d ON t (d)"]:
            cursor.execute(sql)
        for sql in INDEXES:
            cursor.execute(sql)


def worker(queue):
    while True:
        job = queue.get()
        Task.objects.filter(id=job.id).update(done=True)


def mark_done(ids):
    for start in range(0, len(ids), 500):
        Task.objects.filter(id__in=ids[start : start + 500]).update(done=True)


def update_all(objs):
    for objs_batch in grouper(objs, 1000):
        Task.objects.bulk_update(objs_batch, ["done"])


def import_all(files):
    for tasks in load_tasks_streaming(files, batch_size=500):
        Task.objects.bulk_create(tasks)


def recount(task_ids):
    page = 0
    while ids := task_ids[page * 1000 : (page + 1) * 1000]:
        Task.objects.filter(id__in=ids).update(counted=True)
        page += 1


def sync_storage(keys):
    pending = []
    for key in keys:
        pending.append(key)
        if len(pending) >= 100:
            Task.objects.bulk_create([Task(key=k) for k in pending])
            pending = []


def filter_by_annotations(project, values):
    expressions = []
    for value in values:
        expressions.append(Exists(Annotation.objects.filter(project=project, result=value)))
        expressions.append(Q(id__in=Annotation.objects.filter(result__contains=value).values("task")))
    return expressions


def import_streamed(files):
    batches = load_tasks_streaming(files, batch_size=1000)
    for tasks, formats in batches:
        Task.objects.bulk_create(tasks)
        ProjectSummary.objects.select_for_update().get(project=1)


def new_key_set(organizer):
    # a fixed number of attempts, not the items of some data
    for attempt in range(20):
        try:
            return KeySet.objects.create(organizer=organizer, public_id=random_id())
        except IntegrityError:
            continue


def unused_codes(organizer, wanted):
    # ok: each round queries once for the whole set of codes it generated
    codes = set()
    while len(codes) < wanted:
        fresh = set()
        for _ in range(100):
            fresh.add(random_code())
        fresh -= set(Voucher.objects.filter(organizer=organizer, code__in=fresh).values_list("code", flat=True))
        codes |= fresh
    return codes


def send_vouchers(recipients):
    for recipient in recipients:
        send_mail(recipient)
        # ok: one insert per recipient for all of that recipient's log rows
        logs = []
        for voucher in recipient.vouchers:
            logs.append(LogEntry(action="sent", voucher=voucher))
        LogEntry.objects.bulk_create(logs, batch_size=500)
        tags = [Tag(name=name) for name in recipient.tags]
        Tag.objects.bulk_create(tags)


def filter_by_meta(qs, attrs):
    conditions = []
    for name, value in attrs.items():
        # ok: a lazy subquery kept for the `Exists` below; it runs as part of `qs`
        with_value = MetaValue.objects.filter(event=OuterRef("pk"), property__name=name, value=value)
        conditions.append(Exists(with_value))
    return qs.filter(*conditions)


def claim_pending_jobs(queue):
    for job_id in queue.pending_ids():
        with transaction.atomic():
            # ok: each iteration is a transaction of its own: one unit of work per job by design
            job = Job.objects.select_for_update(nowait=True).get(pk=job_id)
            if job.in_flight:
                continue
            job.in_flight = True
            job.save()



def ticket_for(provider_id, providers):
    cur = conn.cursor()
    for provider in providers:
        if provider.identifier == provider_id:
            # ok: the branch returns, so the query runs once, for the provider that matched
            cur.execute("SELECT id FROM tickets WHERE provider = ?", (provider_id,))
            return cur.fetchone()
    return None



def notify(entries):
    cur = connection.cursor()
    last_event = None
    settings = None
    for entry in entries:
        if last_event != entry.event_id:
            last_event = entry.event_id
            # ok: runs again only when the event changes (entries come sorted by event)
            cur.execute("SELECT * FROM notification_settings WHERE event_id = %s", [entry.event_id])
            settings = cur.fetchall()
        send(entry, settings)


def names(user_ids):
    cur = connection.cursor()
    cache = {}
    for user_id in user_ids:
        if user_id not in cache:
            # ok: memoized: one query per distinct user, stored in the cache the guard reads
            cur.execute("SELECT name FROM users WHERE id = %s", [user_id])
            cache[user_id] = cur.fetchone()
    return cache


def fetch_ecb():
    return []


def fetch_cnb():
    return []


def refresh_rates():
    cur = connection.cursor()
    sources = {
        "eu:ecb": fetch_ecb,
        "cz:cnb": fetch_cnb,
    }
    for source, fetch in sources.items():
        # ok: the loop runs once per source written out above: a fixed two
        cur.execute("SELECT max(updated) FROM rates WHERE source = %s", [source])
        fetch()
    for fetch in [fetch_ecb, fetch_cnb]:
        # ok: a list of two functions written out in the loop header
        cur.execute("SELECT 1 FROM rates WHERE source = %s", [fetch.__name__])


def drop_orphans(queue):
    for (provider, event_id), queued in groupby(sorted(queue, key=sort_key), key=sort_key):
        # ok: one delete per group, taking every queued entry of the group
        Job.objects.filter(pk__in=[q.pk for q in queued]).delete()


def remaining_uses(positions):
    available = {}
    for pos in positions:
        if pos.voucher_id not in available:
            # ok: once per distinct voucher; the loop only updates the entry it remembered
            available[pos.voucher_id] = Task.objects.filter(voucher_id=pos.voucher_id).count()
        available[pos.voucher_id] -= 1
    return available


def get_or_create_config():
    # ok: a retry of at most two rounds, returning on success
    retries = 0
    while retries < 2:
        config = Job.objects.filter(kind="config").first()
        if config:
            return config
        retries += 1
    return None


def close_tasks(task_ids):
    # ok: each round slices a chunk off the front of the ids and updates it in one query
    while task_ids:
        chunk = task_ids[:500]
        task_ids = task_ids[500:]
        Task.objects.filter(id__in=chunk).update(done=True)


def create_indexes():
    # ok: the statements of a script the code carries
    with connection.cursor() as cursor:
        for statement in sorted(INDEXES):
            cursor.execute(statement)


def import_rows(rows):
    # ok: the per-row inserts run only when the bulk insert failed, to keep the valid rows
    try:
        Task.objects.bulk_create([Task(**row) for row in rows])
    except Exception:
        for row in rows:
            Task.objects.create(**row)


_prices = {}


def price_of(code):
    if code in _prices:
        return _prices[code]
    price = Task.objects.get(code=code)
    _prices[code] = price
    return price


def priced(codes):
    out = []
    for code in codes:
        # price_of answers from its cache first: one query per distinct code
        out.append(price_of(code))
    return out


def run_script(statements):
    with connection.cursor() as cursor:
        for statement in statements:
            # each iteration runs a different statement
            cursor.execute(statement)


def export_refunds(refunds):
    by_currency = defaultdict(list)
    for refund in refunds:
        by_currency[refund.currency].append({"id": refund.id, "amount": refund.amount})
    for currency, rows in by_currency.items():
        # ok: one export per currency, each holding the whole group of rows
        data = json.dumps(rows)
        Job.objects.create(kind="refund-export", currency=currency, payload=data)


def export_payments(payments):
    by_method = {}
    for payment in payments:
        by_method.setdefault(payment.method, []).append(payment.id)
    for method, ids in by_method.items():
        # ok: one row per payment method, holding the group's ids
        Job.objects.create(kind="payment-export", method=method, ids=ids)


def unused_codes(organizer_id, wanted, batch_size):
    codes = set()
    while len(codes) < wanted:
        fresh = set()
        for _ in range(batch_size):
            fresh.add(new_code())
        # ok: one query per batch, which reaches it through one more name
        args = [organizer_id, list(fresh)]
        with connection.cursor() as cursor:
            cursor.execute("SELECT code FROM vouchers WHERE organizer_id = %s AND code = ANY(%s)", args)
            fresh -= {row[0] for row in cursor.fetchall()}
        codes |= fresh
    return codes


class PriceBook:
    def _update_items_cache(self, ids):
        self._items_cache.update({t.pk: t for t in Task.objects.filter(id__in=ids)})

    def prices(self, lines):
        for line in lines:
            if line.item_id not in self._items_cache:
                # ok: fills the cache the condition tests, once per distinct item
                self._update_items_cache([line.item_id])

    def seats(self, lines):
        for line in lines:
            if line.seat:
                line.item_id = line.seat.item_id
                if line.item_id not in self._items_cache:
                    # ok: the same, under a branch that sets a field of the item
                    self._update_items_cache([line.item_id])


# A poll: re-read the query's row each tick until the user stops it.
def wait_for_query(cursor, query_id):
    status = cursor.poll()
    while status in ("RUNNING", "QUEUED"):
        query = Job.objects.get(pk=query_id)
        if query.stopped:
            cursor.cancel()
            break
        time.sleep(1)
        status = cursor.poll()


# The members of an enumeration: one row per kind, a fixed handful.
def add_type_tags(kinds_table):
    for kind in ObjectType:
        Tag.objects.get_or_create(name=f"type:{kind.name}")
    for name in ObjectType.__members__:
        Tag.objects.get_or_create(name=f"kind:{name}")


# Attempts of a retry: the statement runs again only after a round failed.
def reset_orphans(session, retries):
    for attempt in retries(max_attempts=3):
        with attempt:
            session.execute(UPDATE_ORPHANS)


def lock_row(session, stmt, max_retries=10):
    for _ in range(max_retries):
        try:
            session.execute(stmt)
        except OperationalError:
            session.rollback()
            time.sleep(0.1)
            continue
        return
    raise RuntimeError("could not lock")


def first_reachable(replicas):
    for replica in replicas:
        try:
            return replica.execute("SELECT 1")
        except OperationalError:
            continue


# A service's main loop: each round is a tick, as in `while True:`.
def run_scheduler(session):
    for tick in itertools.count(start=1):
        session.execute(CLAIM_DUE_JOBS)
        time.sleep(1)


# A loader that answers from memory and queries only for a key it misses.
class Restore:
    def __init__(self):
        self.kinds = {}

    def load_kinds(self):
        if not self.kinds:
            self.kinds = {k.code: k for k in ObjectType.objects.all()}

    def kind(self, code):
        self.load_kinds()
        try:
            return self.kinds[code]
        except KeyError:
            self.kinds[code] = found = ObjectType.objects.get_or_create(code=code)[0]
            return found

    def restore(self, rows):
        for row in rows:
            # ok: once per distinct code, then from self.kinds
            row.kind = self.kind(row["kind"])
