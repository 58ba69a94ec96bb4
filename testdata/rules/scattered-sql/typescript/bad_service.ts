import { Pool } from "pg";

const pool = new Pool();

export async function overdue() {
  return pool.query("SELECT id, total FROM invoices WHERE due_at < now()"); // expect: scattered-sql
}

export async function stats() {
  // expect: scattered-sql
  const q = `
    SELECT count(*) FROM orders
    WHERE created_at > now() - interval '1 day'`;
  const r = await pool.query(q);
  return r.rows;
}

export async function tagged(prisma: { $queryRaw: (s: TemplateStringsArray, ...v: unknown[]) => unknown }, id: string) {
  return prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`; // expect: scattered-sql
}

export function lateFee(total: number, daysLate: number) {
  return daysLate > 30 ? Math.round(total * 0.05) : 0;
}

export async function remind(mailer: { send: (to: string, body: string) => Promise<void> }, to: string) {
  await mailer.send(to, "Your invoice is overdue");
}

export function messages(kind: string) {
  return [`Select ${kind} from the list`, "Update failed, please retry", "Create table layout"];
}
