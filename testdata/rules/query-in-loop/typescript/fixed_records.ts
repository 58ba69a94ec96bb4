import { db } from "./db";

const KINDS = ["distance", "duration", "speed"];

function emptyTotals(userId: number) {
  const totals = {};
  for (const kind of KINDS) {
    totals[kind] = { userId, value: 0 };
  }
  return totals;
}

function idsOf(rows: { id: number }[]) {
  const ids = [];
  for (const row of rows) {
    ids.push(row.id);
  }
  return ids;
}

export async function resetTotals(userId: number) {
  const totals = emptyTotals(userId);
  for (const kind of Object.keys(totals)) {
    // ok: emptyTotals fills one entry per constant kind
    await db.query("UPDATE totals SET value = 0 WHERE user_id = $1 AND kind = $2", [userId, kind]);
  }
}

export async function removeRows(rows: { id: number }[]) {
  for (const id of idsOf(rows)) {
    await db.query("DELETE FROM rows WHERE id = $1", [id]); // expect: query-in-loop
  }
}
