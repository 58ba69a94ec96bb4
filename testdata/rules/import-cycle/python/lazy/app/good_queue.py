def enqueue(job):
    # ok: a function-level import runs only when called (include-lazy is off)
    from app.good_jobs import run

    return run
