# Look-alikes in a repository without a driver import.

DEFAULT_STATUS = "open"


def open_orders(db):
    # ok: concatenation of constants only
    query = "SELECT * FROM orders WHERE status = '" + DEFAULT_STATUS + "'"
    return db.execute(query).fetchall()


def run_step(runner, name):
    # ok: not SQL, a command line built for another executor
    return runner.execute("deploy --target " + name + " --wait")


def orders_by_status(db, status):
    # ok: the value is bound, the concatenation only joins constant text
    query = "SELECT * FROM orders " + "WHERE status = ?"
    return db.execute(query, (status,)).fetchall()
