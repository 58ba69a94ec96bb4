// ok: a raw fragment as a value of a query builder's insert is part of a
// built query, not a query of its own.
import knex from "knex";

const db = knex({ client: "pg" });

export async function follow(accountId: string) {
  return db("follows").insert({ account_id: accountId, created_at: db.raw("CURRENT_TIMESTAMP") });
}
