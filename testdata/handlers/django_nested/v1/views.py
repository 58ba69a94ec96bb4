def orders(request):
    return None


def home(request):
    return None
