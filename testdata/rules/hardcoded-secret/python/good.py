import os

# ok: read from the environment
DB_PASSWORD = os.environ["DB_PASSWORD"]

# ok: read from the environment with a fallback expression
API_KEY = os.getenv("API_KEY", None)

# ok: an empty string
SECRET_KEY = ""

# ok: a placeholder
PASSWORD = "changeme"

# ok: a template placeholder
token = "${GITHUB_TOKEN}"

# ok: a %-format placeholder
dsn = "postgresql://%(user)s:%(password)s@%(host)s/db"

# ok: angle-bracket placeholder
client_secret = "<your-client-secret>"

# ok: a low-entropy dummy
password = "aaaaaaaa"

# ok: the name of an environment variable
TOKEN_ENV = "GITHUB_TOKEN"
password_var = "DB_PASSWORD"

# ok: names that describe a secret rather than hold one
password_field = "password"
TOKEN_URL = "https://auth.example.net/oauth/token"
secret_name = "prod/db/password"
api_key_header = "X-Api-Key"

# ok: prose
PASSWORD_HELP = "Your password must have at least 12 characters"

# ok: AWS's documented example key
EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"

# ok: a secret store look-up
db_password = vault.read("secret/db")["password"]

# ok: a URL with a user but no password
BROKER = "amqp://guest@mq/"

# ok: a URL whose password is interpolated
url = f"postgresql://app:{password}@db/shop"

# ok: a path to a key file
private_key = "/run/secrets/signing.pem"


# ok: an enum member that names a login method, and the alphabet a generator
# draws from.
class AuthMethods(Enum):
    oidc_auth = "oidc-auth"
    password_auth = "password-auth"


SECRET_KEY_CHARSET = "abcdefghijklmnopqrstuvwxyz0123456789"


# ok: a preview link built from sample route parameters: a value printed in
# a URL is a resource's identifier, not a credential of the service.
def sample_order_url(event):
    return build_absolute_uri(event, "presale:order", kwargs={"order": "F8VVL", "secret": "6zzjnumtsx136ddy"})


def sample_order_links(event):
    return [
        eventreverse(event, "presale:order", kwargs={"code": row["code"], "secret": row["secret"]})
        # ok: the sample rows are fed to the URL builder right here
        for row in [{"code": "F8VVL", "secret": "6zzjnumtsx136ddy"}, {"code": "HIDHK", "secret": "98kusd8ofsj8dnkd"}]
    ]


# ok: lookup keys and words are not credentials
CACHE_KEY = "users:by-email:v2"
SORT_KEY = "created_at"
PASS_THROUGH_HEADERS = "x-request-id"
MNEMONIC_HELP = "Write down the twelve words of your recovery phrase"
BYPASS = "skip"


def self_test(box):
    # ok: marked for bandit as a deliberate test value
    password = "topSekr3t"  # nosec B105 # used for testing
    assert box.decrypt(box.encrypt(password)) == password  # nosec B101
