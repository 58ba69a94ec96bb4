import { db } from "./db";

export async function ensureUnique(name: string) {
  // ok: the module's own `fetch` below, which lists documents, not the global fetch
  const existing = await fetch();
  return !existing.some((doc) => doc.name === name);
}

export async function fetch(): Promise<{ name: string }[]> {
  const response = await db.allDocs({ include_docs: true });
  return response.rows.map((row) => row.doc);
}
