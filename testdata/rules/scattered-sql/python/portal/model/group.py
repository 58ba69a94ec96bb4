from sqlalchemy import text

# ok: a `model` folder is part of the data-access layer
CHILDREN_SQL = text(
    """WITH RECURSIVE child(depth) AS (SELECT 0 UNION ALL SELECT depth + 1 FROM child)
    SELECT * FROM "group" WHERE parent_id = :id"""
)


class Group:
    def __init__(self, name, title):
        self.name = name
        self.title = title

    def display_name(self):
        return self.title or self.name

    def as_dict(self):
        return {"name": self.name, "title": self.title}
