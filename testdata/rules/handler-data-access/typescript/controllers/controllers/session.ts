import type { NextFunction, Request, Response } from "express";
import { Pool } from "pg";

const pool = new Pool();

// A handler factory, mounted as `app.post("/rest/user/login", login())`.
export function login() {
  return async (req: Request, res: Response, next: NextFunction) => { // expect: handler-data-access
    const found = await pool.query(`SELECT * FROM users WHERE email = $1`, [req.body.email]);
    return found.rows.length ? res.json(found.rows[0]) : next();
  };
}

// ok: a factory no route calls
export function logout() {
  return async (req: Request, res: Response) => {
    await pool.query("DELETE FROM sessions WHERE id = $1", [req.params.id]);
    res.status(204).end();
  };
}
