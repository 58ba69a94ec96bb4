from profile.models import Profile  # expect: import-cycle


class Account:
    def profile(self):
        return Profile.for_account(self)
