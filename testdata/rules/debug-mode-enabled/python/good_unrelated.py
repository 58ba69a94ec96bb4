import logging


class Worker:
    debug = False


# ok: no web framework is imported; a worker's debug flag
worker = Worker()
worker.debug = True
logging.basicConfig(level=logging.DEBUG)
