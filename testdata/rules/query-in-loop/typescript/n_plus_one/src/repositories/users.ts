import { Pool } from "pg";

const pool = new Pool();

export async function findUser(id: number) {
  return pool.query("SELECT * FROM users WHERE id = $1", [id]);
}

export async function itemsFor(userId: number) {
  return pool.query("SELECT * FROM items WHERE user_id = $1", [userId]);
}

export async function itemsForAll(userIds: number[]) {
  return pool.query("SELECT * FROM items WHERE user_id = ANY($1)", [userIds]);
}
