const cors = require("cors");

// ok: a local object named like an option, not passed to a CORS package
const settings = { origin: "*", credentials: true };

// ok: restricted origin
const middleware = cors({ origin: "https://app.example.com", credentials: true });

module.exports = { settings, middleware };

// ok: a local function named cors, not the package
function localCors(options) {
  return options;
}
const cors2 = localCors;
cors2({ origin: true, credentials: true });
