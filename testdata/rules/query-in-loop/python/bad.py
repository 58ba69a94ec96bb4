import logging
import sqlite3
import time

from django.db import connection

from sqlalchemy.orm import Session

from app.models import Order, Profile, Tag, Task

conn = sqlite3.connect("app.db")


def load_items(order_ids):
    cur = conn.cursor()
    items = []
    for order_id in order_ids:
        cur.execute("SELECT * FROM items WHERE order_id = ?", (order_id,))  # expect: query-in-loop
        items.extend(cur.fetchall())
    return items


def names(session: Session, ids):
    return [session.get(Order, i) for i in ids]  # expect: query-in-loop


def django_style(User, emails):
    while emails:
        email = emails.pop()
        User.objects.filter(email=email).update(active=True)  # expect: query-in-loop


def get_customer(customer_id):
    cur = conn.cursor()
    cur.execute("SELECT * FROM customers WHERE id = ?", (customer_id,))
    return cur.fetchone()


def customer_name(customer_id):
    return get_customer(customer_id)[1]


def invoices(orders):
    for order in orders:
        print(customer_name(order.customer_id))  # expect: query-in-loop


def peewee_style(ids):
    for i in ids:
        Order.get_by_id(i)  # expect: query-in-loop


def tags_per_order(order_ids):
    result = []
    for order_id in order_ids:
        # a lazy queryset that is iterated runs once per order
        result.extend(list(Tag.objects.filter(order_id=order_id)))  # expect: query-in-loop
    return result


def orders_of(customers):
    ids = [c.id for c in customers]
    for customer_id in ids:
        Order.objects.filter(customer_id=customer_id).first()  # expect: query-in-loop


def first_orders(customers):
    for i in range(len(customers)):
        Order.objects.filter(customer=customers[i]).first()  # expect: query-in-loop


def per_customer_lists(customers):
    for customer in customers:
        ids = [customer.id]
        Order.objects.filter(customer_id__in=ids).update(seen=True)  # expect: query-in-loop
        flagged = []
        flagged.append(customer.id)
        Order.objects.filter(customer_id__in=flagged).delete()  # expect: query-in-loop


def first_unlocked(task_ids):
    # A row lock per candidate, without a transaction per item: one query per id until one is free.
    for task_id in task_ids:
        task = Task.objects.select_for_update(skip_locked=True).get(pk=task_id)  # expect: query-in-loop
        if not task.locked:
            return task


def newest_per_order(orders, kinds):
    cur = conn.cursor()
    for order in orders:
        for kind in kinds:
            if kind == order.kind:
                # `break` leaves the inner loop only: the outer one repeats the query per order.
                cur.execute("SELECT * FROM events WHERE order_id = ?", (order.id,))  # expect: query-in-loop
                break


def first_free(codes):
    cur = conn.cursor()
    for code in codes:
        try:
            cur.execute("INSERT INTO codes (code) VALUES (?)", (code,))  # expect: query-in-loop
        except sqlite3.IntegrityError:
            # ok: the lookup runs only when the insert failed
            cur.execute("SELECT id FROM codes WHERE code = ?", (code,))


def hooks_for(entries):
    cur = conn.cursor()
    last_org = last_event = None
    for entry in entries:
        if last_org != entry.org_id or last_event != entry.event_id:
            last_org = entry.org_id
            # `last_event` is never remembered: the guard re-runs for every event-scoped entry.
            cur.execute("SELECT * FROM hooks WHERE org_id = ?", (entry.org_id,))  # expect: query-in-loop


def tickets_of(positions):
    cur = conn.cursor()
    for pos in positions:
        ticket = pos.ticket
        if not ticket:
            # `ticket` is set afresh for every position: the guard memoizes nothing.
            cur.execute("SELECT * FROM tickets WHERE position_id = ?", (pos.id,))  # expect: query-in-loop
            ticket = cur.fetchone()


def refresh_codes(first, rows):
    cur = conn.cursor()
    codes = [first]
    for row in rows:
        codes.append(row.code)
    for code in codes:
        # the literal only starts the list: the loop above fills it with data
        cur.execute("SELECT * FROM codes WHERE code = ?", (code,))  # expect: query-in-loop
    pending = {}
    pending[first] = rows
    for code, group in pending.items():
        cur.execute("SELECT * FROM codes WHERE code = ?", (code,))  # expect: query-in-loop


def items_of(orders):
    for order in orders:
        # the comprehension runs over one order's positions: still one query per order
        Item.objects.filter(pk__in=[p.item_id for p in order.positions]).update(seen=True)  # expect: query-in-loop


def seen_once(positions):
    seen = {}
    for pos in positions:
        seen = {}
        if pos.voucher_id not in seen:
            # `seen` is emptied for every position: the guard memoizes nothing
            seen[pos.voucher_id] = Item.objects.filter(voucher_id=pos.voucher_id).count()  # expect: query-in-loop


def close_each(task_ids):
    i = 0
    while i < len(task_ids):
        Task.objects.filter(id=task_ids[i]).update(done=True)  # expect: query-in-loop
        i += 1


def owner_of(task_id):
    if not task_id:
        return None
    return Task.objects.get(pk=task_id).owner


def owners(task_ids):
    return [owner_of(t) for t in task_ids]  # expect: query-in-loop


def load_task(task_id):
    task = conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return task


def refresh_all(task_ids):
    for task_id in task_ids:
        load_task(task_id)  # expect: query-in-loop


def process(task):
    try:
        return task.run()
    except Exception:
        conn.execute("UPDATE tasks SET failed = 1 WHERE id = ?", (task.id,))
        raise


def process_all(tasks):
    for task in tasks:
        # ok: process queries only when a task fails (in its error handler)
        process(task)


def save_profiles(profiles_by_user):
    # a dictionary the function did not fill by key: one row per entry
    for user_id, profile in profiles_by_user.items():
        User.objects.filter(id=user_id).update(bio=profile)  # expect: query-in-loop


def flags_of(items):
    # a value made of the loop's own item, not of a batch gathered in the round
    with connection.cursor() as cursor:
        for item_id in [item.id for item in items]:
            args = [item_id, True]
            cursor.execute("SELECT flag FROM items WHERE id = %s AND active = %s", args)  # expect: query-in-loop


class Basket:
    def _update_items_cache(self, ids):
        self._items_cache.update({t.pk: t for t in Task.objects.filter(id__in=ids)})

    def lines(self, lines):
        for line in lines:
            # the condition tests another collection than the one the method fills
            if line.item_id not in self._seen:
                self._update_items_cache([line.item_id])  # expect: query-in-loop


def notify_slowly(user_ids):
    # A `for` loop that sleeps between items still runs once per item.
    for user_id in user_ids:
        profile = Profile.objects.get(user_id=user_id)  # expect: query-in-loop
        send(profile)
        time.sleep(0.1)


def tag_all(kinds):
    # A lower-case name the function was handed is data, not an enumeration.
    for kind in kinds:
        Tag.objects.get_or_create(name=kind)  # expect: query-in-loop


def refresh_all(profile_ids):
    # A `try` per item that does not leave the loop: every item is queried.
    for profile_id in profile_ids:
        try:
            profile = Profile.objects.get(pk=profile_id)  # expect: query-in-loop
        except Profile.DoesNotExist:
            logging.warning("gone: %s", profile_id)
            continue
        refresh(profile)


class Importer:
    def kind(self, code):
        # Catches something else than a missing key: it queries every time.
        try:
            return Tag.objects.get(code=code)
        except Tag.DoesNotExist:
            return None

    def run(self, rows):
        for row in rows:
            row.kind = self.kind(row["kind"])  # expect: query-in-loop
