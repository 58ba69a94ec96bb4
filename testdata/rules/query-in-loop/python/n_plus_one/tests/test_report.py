from app.repositories.users import items_for


def test_items_are_loaded_for_each_user(seeded_users):
    for user_id in seeded_users:
        # ok: a loop of test set-up; tests are not production traffic
        assert items_for(user_id) is not None
