const fastify = require("fastify")();
const mysql = require("mysql2/promise");

const pool = mysql.createPool({ host: "db" });

// expect: fat-handler
fastify.post("/transfers", async (request, reply) => {
  const { from, to, amount } = request.body;
  if (!from || !to) {
    return reply.code(400).send({ error: "accounts" });
  }
  if (amount <= 0) {
    return reply.code(422).send({ error: "amount" });
  }
  const fee = amount > 1000 ? amount * 0.01 : 5;
  await pool.query("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount + fee, from]);
  return { fee };
});
