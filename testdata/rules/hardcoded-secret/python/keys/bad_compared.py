def login(username, password):
    if username == "admin" and password == "Adm1n!2024":  # expect: hardcoded-secret
        return True
    return False


def maintenance(form):
    return form.password == "letmein-maintenance"  # expect: hardcoded-secret
