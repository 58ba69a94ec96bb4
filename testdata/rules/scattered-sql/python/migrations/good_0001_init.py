def upgrade(op):
    # ok: migrations belong to the data-access layer
    op.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL)")
