const { Client, Pool } = require("pg");

const pool = new Pool();

exports.daily = async (req, res) => {
  const client = new Client(); // expect: connection-per-request
  await client.connect();
  const result = await client.query("SELECT count(*) FROM orders WHERE day = current_date");
  await client.end();
  res.json(result.rows[0]);
};

// ok: takes a connection from the module's pool, created once
exports.weekly = async (req, res) => {
  const result = await pool.query("SELECT count(*) FROM orders WHERE day > current_date - 7");
  res.json(result.rows[0]);
};

// ok: exported but not routed
exports.rebuild = async () => {
  const client = new Client();
  await client.connect();
  await client.query("REFRESH MATERIALIZED VIEW daily_totals");
  await client.end();
};
