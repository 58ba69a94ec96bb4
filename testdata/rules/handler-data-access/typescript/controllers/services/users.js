const { Pool } = require("pg");

const pool = new Pool();

exports.create = async (user) => {
  const result = await pool.query("INSERT INTO users (name) VALUES ($1) RETURNING *", [user.name]);
  return result.rows[0];
};
