from datetime import datetime

from sqlalchemy.engine import Engine


class ClickHouseEngineSpec:
    """The adapter to one database engine: SQL is part of what it is for."""

    engine = "clickhouse"

    @classmethod
    def epoch_to_dttm(cls) -> str:
        return "{col}"

    @classmethod
    def convert_dttm(cls, target_type: str, dttm: datetime) -> str | None:
        if target_type.upper() == "DATE":
            return f"toDate('{dttm.date().isoformat()}')"
        return None

    @classmethod
    def column_type(cls, native: str) -> str:
        return native.lower().removeprefix("nullable(").removesuffix(")")

    @classmethod
    def get_function_names(cls, engine: Engine) -> list[str]:
        # ok: a `db_*` folder is part of the data-access layer
        names = engine.execute("SELECT name FROM system.functions")
        return [row.name for row in names]
