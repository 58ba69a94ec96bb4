const { Pool } = require("pg");

const pool = new Pool();

async function byId(id) {
  // ok: $1 placeholder
  return pool.query("SELECT * FROM users WHERE id = $1", [id]);
}

function greet(name) {
  // ok: not SQL
  console.log("Delete old drafts from your account, " + name);
}

module.exports = { byId, greet };
