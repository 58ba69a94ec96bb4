import os

# ok: the config layer is where URLs belong
DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://localhost:5432/shop")

# ok: still the config layer
BILLING_URL = "https://billing.internal.example.net/v1"
