from app.repositories.users import find_user  # expect: layer-violation


def show(user_id):
    return find_user(user_id)
