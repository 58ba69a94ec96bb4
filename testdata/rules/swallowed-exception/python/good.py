import atexit
import contextlib
import logging
from smtplib import SMTP

logger = logging.getLogger(__name__)

# ok: a specific, expected exception ignored on purpose
try:
    cache.delete(key)
except KeyError:
    pass

# ok: the handler logs
try:
    publish(event)
except Exception:
    logger.exception("publish failed")

# ok: the handler re-raises
try:
    publish(event)
except Exception:
    rollback()
    raise


# ok: the handler returns an error value
def parse(text):
    try:
        return int(text)
    except Exception as exc:
        return Err(exc)


# ok: the handler sets a flag
ok = True
try:
    publish(event)
except Exception:
    ok = False

# ok: suppress of a specific exception
with contextlib.suppress(FileNotFoundError):
    os.remove(path)

# ok: a broad handler with a body that does something
for item in items:
    try:
        item.close()
    except Exception:
        failures += 1
        continue


# ok: a comment in the handler says why the error is dropped
def stop(worker):
    try:
        worker.stop()
    except Exception:
        # the worker may already be gone; shutting down either way
        pass


# ok: the try only computes a value; on failure it keeps its default
def request_body(request):
    body = None
    try:
        body = request.body.decode("utf-8")
    except:  # noqa: E722
        pass
    return body


# ok: optional files read into values under `with`
def versions(result):
    try:
        with open("version.json") as f:
            result["frontend"] = json.load(f)
    except Exception:
        pass


# ok: tuning an optional setting; the default stays if it cannot be set
def tune(client):
    try:
        client._config.max_single_get_size = 1024
    except Exception:
        pass


# ok: the handler is marked as deliberate for flake8-bandit / ruff (S110)
def upgrade(session, charts):
    for chart in charts:
        try:
            chart.params = migrate(chart.params)
            session.merge(chart)
        except Exception:  # pylint: disable=broad-except  # noqa: S110
            pass


# ok: the same for bandit (nosec B110), with the directive on the body's line
def close_quietly(driver):
    try:
        driver.refresh()
    except Exception:
        pass  # nosec B110


# ok: a search for the first candidate that answers; a failure means "not this one"
def default_smtp(candidates):
    for host, port in candidates:
        try:
            SMTP(host, port, timeout=3).close()
        except Exception:
            continue
        return host, port
    return "", ""


def timestamp_of(line):
    stamp = None
    # ok: the block only computes a value; when parsing fails it keeps its default
    with contextlib.suppress(Exception):
        if isinstance(line, str):
            stamp = parse_timestamp(line)
    return stamp


def namespace_of(metadata, default):
    namespace = None
    # ok: a value read defensively, with a fallback after the block
    with contextlib.suppress(Exception):
        namespace = getattr(metadata, "namespace", None)
    return namespace or default


def install_exit_cleanup(profiler):
    def stop_profiler():
        # ok: runs at interpreter exit, where nothing is left to act on a failure
        with contextlib.suppress(Exception):
            profiler.stop()

    atexit.register(stop_profiler)
