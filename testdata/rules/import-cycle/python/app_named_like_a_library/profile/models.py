from accounts.models import Account


class Profile:
    @classmethod
    def for_account(cls, account: Account):
        return cls()
