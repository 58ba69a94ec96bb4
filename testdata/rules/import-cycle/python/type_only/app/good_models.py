from typing import TYPE_CHECKING

# ok: the import back is only for type annotations
if TYPE_CHECKING:
    from app.good_service import Service


class Model:
    def owner(self) -> "Service":
        raise NotImplementedError
