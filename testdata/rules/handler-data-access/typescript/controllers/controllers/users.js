const { Pool } = require("pg");
const userService = require("../services/users");

const pool = new Pool();

exports.show = async (req, res) => { // expect: handler-data-access
  const result = await pool.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  res.json(result.rows[0]);
};

// ok: the handler delegates to a service of another module
exports.create = async (req, res) => {
  res.status(201).json(await userService.create(req.body));
};

// ok: never registered as a route, however it looks
exports.audit = async (req, res) => {
  const result = await pool.query("SELECT * FROM audit_log");
  res.json(result.rows);
};
