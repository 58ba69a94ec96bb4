import contextlib
from contextlib import suppress


def publish(event):
    try:
        broker.send(event)
    except Exception:  # expect: swallowed-exception
        pass


def load(path):
    try:
        return read(path)
    # expect: swallowed-exception
    except:
        pass


def cleanup(items):
    for item in items:
        try:
            item.close()
        except BaseException as exc:  # expect: swallowed-exception
            continue


def sync():
    try:
        refresh()
    except (ValueError, Exception):  # expect: swallowed-exception
        # nothing to do here
        ...


def drop_all():
    with contextlib.suppress(Exception):  # expect: swallowed-exception
        remove_everything()


def drop_some():
    with suppress(BaseException):  # expect: swallowed-exception
        remove_everything()
