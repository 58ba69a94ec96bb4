from app import helpers
from app.repositories import users
from app.repositories.users import items_for, items_for_all
from app.services.accounts import profile_of


def totals(user_ids):
    result = {}
    for user_id in user_ids:
        result[user_id] = items_for(user_id)  # expect: query-in-loop
    return result


def names(user_ids):
    # expect: query-in-loop
    return [users.find_user(i) for i in user_ids]


def profiles(user_ids):
    out = []
    while user_ids:
        out.append(profile_of(user_ids.pop()))  # expect: query-in-loop
    return out


def batched(user_ids):
    # ok: one batched query outside the loop, the loop only groups rows
    rows = items_for_all(user_ids)
    grouped = {}
    for row in rows:
        grouped.setdefault(row["user_id"], []).append(row)
    return grouped


def formatted(people):
    # ok: a pure helper from another module, called per element
    return [helpers.full_name(p) for p in people]


def prices(amounts):
    out = []
    for cents in amounts:
        # ok: a pure helper from another module
        out.append(helpers.money(cents))
    return out


def first_items(user_ids):
    # ok: the query runs once, after the loop
    for user_id in user_ids:
        last = user_id
    return items_for(last)


def items_in_pages(user_ids):
    pending = []
    for user_id in user_ids:
        pending.append(user_id)
        if len(pending) >= 500:
            # ok: the batched query runs once per 500 ids, and the buffer starts again
            items_for_all(pending)
            pending = []
    return items_for_all(pending)


def checked_pairs(pairs):
    for pair in pairs:
        if len(pair) >= 2:
            items_for(pair[0])  # expect: query-in-loop


def item_names(user_ids):
    # ok: the collection of the comprehension is loaded once, before its items
    return [item["name"] for item in items_for_all(user_ids)]
