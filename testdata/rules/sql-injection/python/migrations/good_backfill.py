from alembic import op
import sqlalchemy as sa

users = sa.table("users", sa.column("id", sa.Integer), sa.column("admin", sa.Boolean))


def upgrade():
    connection = op.get_bind()
    for user in connection.execute(users.select()):
        # ok: a one-off migration formats the database's own rows
        op.execute(f"UPDATE users SET role = {2 if user.admin else 1} WHERE users.id = {user.id}")
