import { Pool } from "pg";

export async function GET(request: Request) {
  const pool = new Pool(); // expect: connection-per-request
  const { rows } = await pool.query("SELECT * FROM orders");
  return Response.json(rows);
}
