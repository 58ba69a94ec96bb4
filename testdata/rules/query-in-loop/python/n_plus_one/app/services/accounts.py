from app.repositories import users


def profile_of(user_id):
    return users.load_profile(user_id)
