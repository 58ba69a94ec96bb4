import contextlib
import logging

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
