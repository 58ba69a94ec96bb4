import { Pool } from "pg";

const pool = new Pool();

export async function findActive() {
  // ok: data-access layer
  return pool.query("SELECT * FROM users WHERE active = true");
}
