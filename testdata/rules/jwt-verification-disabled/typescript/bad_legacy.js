const jwt = require("jsonwebtoken");

function authenticate(req, res, next) {
  const user = jwt.decode(req.cookies.session); // expect: jwt-verification-disabled
  if (!user) return res.status(401).end();
  req.user = user;
  return next();
}

module.exports = { authenticate };
