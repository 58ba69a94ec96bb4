const { Pool } = require("pg");

const pool = new Pool();

exports.list = async (req, res) => {
  const result = await pool.query("SELECT id, total FROM orders WHERE customer_id = $1", [req.user.id]);
  res.json(result.rows);
};
