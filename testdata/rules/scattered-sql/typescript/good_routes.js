const express = require("express");
const { Pool } = require("pg");

const app = express();
const pool = new Pool();

app.get("/users", async (req, res) => {
  // ok: SQL in a route handler is left to handler-data-access
  const r = await pool.query("SELECT * FROM users");
  res.json(r.rows);
});

function label() {
  // ok: prose
  return "Select an option from the list below";
}

module.exports = { app, label };
