import { Pool } from "pg";

const pool = new Pool();

test("users", async () => {
  // ok: tests are skipped
  await pool.query("DELETE FROM users WHERE email LIKE '%@example.com'");
});
