# ok: the package's own logging helpers import the standard library's logging, not this package
from .loggers import get_logger

__all__ = ["get_logger"]
