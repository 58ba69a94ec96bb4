import contextlib
from contextlib import suppress


def publish(event):
    try:
        broker.send(event)
        # expect: swallowed-exception
    except Exception:
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
            # expect: swallowed-exception
        except BaseException as exc:
            continue


def sync():
    try:
        refresh()
        # expect: swallowed-exception
    except (ValueError, Exception):  # noqa: BLE001
        ...


def save(order):
    try:
        order.save()
        # expect: swallowed-exception
    except Exception:
        pass  # TODO: retry


def drop_all():
    with contextlib.suppress(Exception):  # expect: swallowed-exception
        remove_everything()


def drop_some():
    with suppress(BaseException):  # expect: swallowed-exception
        remove_everything()


def send_all(messages, smtp):
    for message in messages:
        try:
            smtp.send(message)
        except Exception:  # expect: swallowed-exception
            continue
        audit(message)


def drop_and_count(rows, stats):
    # An action under the suppress, not only values: its failure is lost.
    with suppress(Exception):  # expect: swallowed-exception
        stats.count = len(rows)
        persist(rows)


def stop_profiler_on_request(profiler):
    # The same block, not an exit hook: called while the service runs.
    with suppress(Exception):  # expect: swallowed-exception
        profiler.stop()
