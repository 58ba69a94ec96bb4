import mysql from "mysql2";

export default function handler(req, res) {
  const connection = mysql.createConnection({ host: "db" }); // expect: connection-per-request
  connection.query("SELECT * FROM customers", (err, rows) => res.json(rows));
}
