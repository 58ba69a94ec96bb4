const express = require("express");
const { Pool } = require("pg");

const app = express();
// ok: pool at start-up
const pool = new Pool();

// ok: handler using the pool
app.get("/health", async (req, res) => res.json(await pool.query("SELECT 1")));

function Pool2() {}
app.get("/local", (req, res) => {
  // ok: a local constructor that is not a driver
  const p = new Pool2();
  res.json({ p });
});
