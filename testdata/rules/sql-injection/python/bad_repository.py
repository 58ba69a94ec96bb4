# A repository that receives its connection from the caller: no driver is
# imported here, the SQL text itself says what the strings are.


def orders_by_status(db, status):
    query = "SELECT * FROM orders WHERE status = '" + status + "'"
    return db.execute(query).fetchall()  # expect: sql-injection


def users_named(cursor, first, last):
    cursor.execute("SELECT id FROM users WHERE first = '" + first + "' AND last = '" + last + "'")  # expect: sql-injection
    return cursor.fetchall()
