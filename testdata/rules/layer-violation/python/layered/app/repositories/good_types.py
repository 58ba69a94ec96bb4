from typing import TYPE_CHECKING

# ok: a type-only import of a handler type is not checked
if TYPE_CHECKING:
    from app.handlers.api import current_user

# ok: data access may use its own layer
from app.repositories.users import find_user

__all__ = ["find_user", "current_user"]
