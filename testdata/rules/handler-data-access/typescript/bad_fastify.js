const fastify = require("fastify")();
const mysql = require("mysql2/promise");

const pool = mysql.createPool({ host: "db" });

// expect: handler-data-access
fastify.get("/products", async (request, reply) => {
  const [rows] = await pool.query("SELECT * FROM products");
  return rows;
});
