from app.good_queue import enqueue


def run(job):
    enqueue(job)
