const mysql = require("mysql");
const Database = require("better-sqlite3");

const connection = mysql.createConnection({});
const sqlite = new Database("app.db");

function byId(id, cb) {
  connection.query("SELECT * FROM users WHERE id = " + id, cb); // expect: sql-injection
}

function remove(name) {
  return sqlite.prepare(`DELETE FROM users WHERE name = '${name}'`).run(); // expect: sql-injection
}

module.exports = { byId, remove };
