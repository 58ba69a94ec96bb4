from app.services import users


def current_user(request):
    return users.find(request.user_id)
