import type { Request, Response } from "express";
import { Pool } from "pg";

const pool = new Pool();

// ok: a namesake in a module no route imports
export async function listInvoices(req: Request, res: Response) {
  const result = await pool.query("SELECT * FROM invoices");
  res.json(result.rows);
}
