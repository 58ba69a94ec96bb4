def full_name(user):
    return f"{user['first']} {user['last']}"


def money(cents):
    return f"{cents / 100:.2f}"
