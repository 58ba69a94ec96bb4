const fastify = require("fastify")();
const mysql = require("mysql");
const knex = require("knex");

fastify.get("/legacy", async (request, reply) => {
  const connection = mysql.createConnection({ host: "db" }); // expect: connection-per-request
  return connection.query("SELECT 1");
});

fastify.route({
  method: "POST",
  url: "/reports",
  handler: async (request, reply) => {
    const db = knex({ client: "pg" }); // expect: connection-per-request
    return db("reports").insert(request.body);
  },
});
