def test_users(db):
    # ok: tests are skipped
    db.execute("INSERT INTO users (email) VALUES ('a@example.com')")
