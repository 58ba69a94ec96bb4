def find_user(user_id):
    from app.handlers.api import current_user  # expect: layer-violation

    return current_user
