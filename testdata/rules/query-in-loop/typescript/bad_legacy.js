const knex = require("knex")({ client: "pg" });

async function names(ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out.push(await knex("users").where({ id: ids[i] }).first()); // expect: query-in-loop
  }
  return out;
}

module.exports = { names };
