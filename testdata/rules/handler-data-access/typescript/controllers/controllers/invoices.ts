import type { Request, Response } from "express";
import { Pool } from "pg";

const pool = new Pool();

export async function listInvoices(req: Request, res: Response) { // expect: handler-data-access
  const result = await pool.query("SELECT * FROM invoices WHERE customer_id = $1", [req.query.customer]);
  res.json(result.rows);
}
