import type { Request, Response } from "express";
import { Pool } from "pg";

const pool = new Pool();

export async function archiveOrders(req: Request, res: Response) { // expect: handler-data-access
  await pool.query("UPDATE orders SET archived = true WHERE created_at < now() - interval '1 year'");
  res.status(204).end();
}
