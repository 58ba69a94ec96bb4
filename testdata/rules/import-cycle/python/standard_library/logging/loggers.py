# ok: `import logging` is the standard library's, even inside a package named logging
import logging


def get_logger(name):
    return logging.getLogger(f"app.{name}")
