const express = require("express");

const app = express();

// ok: a custom error handler that hides details
function errorhandler() {
  return (err, req, res, next) => res.status(500).json({ error: "internal" });
}
app.use(errorhandler());

// ok: production mode
app.set("env", "production");

module.exports = app;
