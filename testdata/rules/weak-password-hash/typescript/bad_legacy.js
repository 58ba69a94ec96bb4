const crypto = require("crypto");
const bcrypt = require("bcryptjs");

function hashPassword(req) {
  return crypto.createHash("md5").update(req.body.password).digest("hex"); // expect: weak-password-hash
}

function saveUser(db, user, salt) {
  // expect: weak-password-hash
  const row = { name: user.name, password_hash: crypto.createHash("sha256").update(salt + user.raw).digest("hex") };
  return db.insert(row);
}

function weakCost(passwd, done) {
  bcrypt.hash(passwd, 6, done); // expect: weak-password-hash
}

function legacyPbkdf2(password, salt, done) {
  crypto.pbkdf2(password, salt, 5000, 64, "sha512", done); // expect: weak-password-hash
}

module.exports = { hashPassword, saveUser, weakCost, legacyPbkdf2 };
