def update_profile(user, form):
    # ok: the form shows a masked value; an unchanged mask keeps the stored password
    if form.password == "********":
        return user
    # ok: an empty field means no change
    if form.password == "":
        return user
    user.set_password(form.password)
    return user


def choose_flow(auth_method):
    # ok: the name is not a password
    return auth_method == "password-reset"
