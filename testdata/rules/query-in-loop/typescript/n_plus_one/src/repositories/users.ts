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

const permissions = new Map<string, unknown>();

export async function permissionsFor(role: string) {
  if (!role) return [];
  const cached = permissions.get(role);
  if (cached !== undefined) return cached;
  const rows = await pool.query("SELECT * FROM permissions WHERE role = $1", [role]);
  permissions.set(role, rows);
  return rows;
}

export async function teamOf(userId: number) {
  if (!userId) return null;
  return pool.query("SELECT team FROM members WHERE user_id = $1", [userId]);
}
