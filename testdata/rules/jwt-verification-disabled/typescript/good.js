const jwt = require("jsonwebtoken");

// ok: verify, not decode
function authenticate(token, secret) {
  return jwt.verify(token, secret, { algorithms: ["HS256"] });
}

// ok: a decode method of an unrelated object
function parse(codec, value) {
  return codec.decode(value);
}

module.exports = { authenticate, parse };
