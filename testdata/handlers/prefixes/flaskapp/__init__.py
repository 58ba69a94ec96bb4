from flask import Flask

from flaskapp import shop
from flaskapp.admin import bp as admin_bp

app = Flask(__name__)
# The registration's prefix: the admin blueprint's routes live under /admin.
app.register_blueprint(admin_bp, url_prefix="/admin")
# The shop blueprint carries its own prefix.
app.register_blueprint(shop.bp)
