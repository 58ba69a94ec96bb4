import { Pool } from "pg";
import { PrismaClient } from "@prisma/client";

const pool = new Pool();
const prisma = new PrismaClient();

export async function batched(ids: string[]) {
  // ok: one query for every id
  const users = await prisma.user.findMany({ where: { id: { in: ids } } });
  // ok: mapping over results does not query
  return users.map((u) => u.name);
}

export async function before(ids: string[]) {
  // ok: query before the loop
  const r = await pool.query("SELECT * FROM users WHERE id = ANY($1)", [ids]);
  for (const row of r.rows) {
    console.log(row.id);
  }
}

function format(name: string) {
  return name.trim();
}

export function pure(names: string[]) {
  // ok: a same-file function that does not query
  return names.map((n) => format(n));
}

export function later(ids: string[]) {
  // ok: the callback is not an iteration callback
  return ids.length ? () => pool.query("SELECT 1") : null;
}

export class WebhookSetup {
  constructor(private knex: import("knex").Knex) {}

  async create(events: string[]) {
    const rows = events.map((event) => {
      return {
        event,
        // ok: a raw fragment inside the row, run once by the insert below
        created_at: this.knex.raw("current_timestamp"),
      };
    });
    await this.knex("webhooks").insert(rows);
  }

  selectCases(table: string, nodes: { alias: string }[]) {
    // ok: each raw fragment goes into the one select that runs the query
    return this.knex(table).select(
      nodes.map((node) => {
        const alias = `case_${node.alias}`;
        return this.knex.raw("CASE WHEN ?? > 0 THEN 1 END as ??", [alias, node.alias]);
      }),
    );
  }
}

export async function archiveByTable(rows: { table: string; id: string }[]) {
  const idsByTable = new Map<string, Set<string>>();
  for (const row of rows) {
    idsByTable.set(row.table, (idsByTable.get(row.table) ?? new Set()).add(row.id));
  }
  for (const [table, ids] of idsByTable) {
    // ok: one query per table, each taking the whole group of ids
    await pool.query(`UPDATE ${table} SET archived = true WHERE id = ANY($1)`, [[...ids]]);
  }
}

export async function waitForDatabase() {
  const tries = 5;
  for (let i = 0; i < tries; i++) {
    // ok: a fixed count of attempts, not a query per item of data
    if (await pool.query("SELECT 1")) return true;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return false;
}

export async function refreshSources(ecb: string, cnb: string) {
  for (const [name, url] of Object.entries({ ecb, cnb })) {
    // ok: two sources written out in the code
    await pool.query("UPDATE sources SET url = $1 WHERE name = $2", [url, name]);
  }
}

export async function archiveQueue(ids: string[]) {
  // ok: each round splices a chunk off the front and archives it in one query
  while (ids.length > 0) {
    const batch = ids.splice(0, 500);
    await pool.query("UPDATE items SET archived = true WHERE id = ANY($1)", [batch]);
  }
}

export async function connectWithRetry() {
  // ok: at most five attempts
  let attempt = 0;
  while (attempt < 5) {
    attempt++;
    try {
      await pool.query("SELECT 1");
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export async function migrate(statements: string[]) {
  for (const statement of statements) {
    // ok: each iteration runs a different statement
    await pool.query(statement);
  }
}

export async function exportRefunds(refunds: { currency: string; id: number }[]) {
  const byCurrency: Record<string, { id: number }[]> = {};
  for (const refund of refunds) {
    (byCurrency[refund.currency] ??= []).push({ id: refund.id });
  }
  for (const [currency, rows] of Object.entries(byCurrency)) {
    // ok: one export per currency, each holding the whole group of rows
    await pool.query("INSERT INTO exports (currency, rows) VALUES ($1, $2)", [currency, JSON.stringify(rows)]);
  }
}

export async function waitForExport(id: string) {
  let job = await prisma.exportJob.findUnique({ where: { id } });
  // ok: a poll, one read per tick until the export is done
  while (job && job.status !== "done") {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await prisma.exportJob.findUnique({ where: { id } });
  }
  return job;
}
