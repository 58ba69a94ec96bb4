import { Pool } from "pg";

const pool = new Pool();

export async function readRows(collection: string, keys: string[]) {
  return pool.query("SELECT id FROM rows WHERE collection = $1 AND id = ANY($2)", [collection, keys]);
}
