import os


class DevelopmentConfig:
    # ok: a class attribute of a development config class, not module-level Django settings
    DEBUG = True


class ProductionConfig:
    # ok: off in production
    DEBUG = False
