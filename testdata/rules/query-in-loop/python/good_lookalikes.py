import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

http = requests.Session()
session = requests.Session()


def fetch_pages(urls):
    for url in urls:
        # ok: `session` here is a requests.Session, not a database session
        session.get(url, timeout=5)


def cached(cache, keys):
    for key in keys:
        # ok: a cache lookup, not a query
        cache.get(key)


def build_statements(ids):
    # ok: building statements does not run them
    return [select(i) for i in ids]


def thread_pool(executor, jobs):
    for job in jobs:
        # ok: `execute` of something that is not SQL text
        executor.execute(job)


def recursive(db: Session, node_id, depth):
    # ok: recursion is not a loop
    if depth:
        return recursive(db, node_id, depth - 1)
    return db.get(object, node_id)
