const crypto = require("crypto");

// ok: integrity hash of a bundle
function integrity(content) {
  return "sha384-" + crypto.createHash("sha384").update(content).digest("base64");
}

// ok: a local function named md5 that is not the md5 package
function md5(value) {
  return value;
}

function useLocal(password) {
  // ok: not a known digest package
  return md5(password);
}

module.exports = { integrity, useLocal };

// ok: HTTP Digest authentication response over the server's nonce
function digestResponse(user, realm, password, nonce) {
  const ha1 = crypto.createHash("md5").update(`${user}:${realm}:${password}`).digest("hex");
  return crypto.createHash("md5").update(`${ha1}:${nonce}`).digest("hex");
}
module.exports.digestResponse = digestResponse;
