import axios from "axios";
import { Pool } from "pg";

const client = axios.create();
const pool = new Pool();
const TABLE = "users";

export async function http(id: string) {
  // ok: an HTTP client named `client` in a file that uses pg
  return client.get(`/users/${id}`);
}

export async function constantTable(id: string) {
  // ok: module const interpolated, value bound
  return pool.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [id]);
}

export async function questionMarks(ids: string[]) {
  const marks = Array(ids.length).fill("?").join(", ");
  // ok: placeholder list
  return pool.query(`SELECT * FROM users WHERE id IN (${marks})`, ids);
}

export function errorMessage(table: string) {
  // ok: a thrown message, not a query
  throw new Error(`SELECT on ${table} failed`);
}

export async function sortDirection(up: boolean) {
  const order = up ? "ASC" : "DESC";
  // ok: both branches are constants
  return pool.query(`SELECT * FROM users ORDER BY created ${order}`);
}
