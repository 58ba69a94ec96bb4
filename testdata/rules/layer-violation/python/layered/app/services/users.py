from app.repositories.users import find_user


def find(user_id):
    return find_user(user_id)
