import { Pool } from "pg";
import { PrismaClient } from "@prisma/client";

const pool = new Pool();
const prisma = new PrismaClient();

export async function loadItems(orderIds: string[]) {
  const items = [];
  for (const id of orderIds) {
    const r = await pool.query("SELECT * FROM items WHERE order_id = $1", [id]); // expect: query-in-loop
    items.push(...r.rows);
  }
  return items;
}

export async function users(ids: string[]) {
  return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } }))); // expect: query-in-loop
}

export async function touch(ids: string[]) {
  ids.forEach(async (id) => {
    await pool.query("UPDATE users SET seen = now() WHERE id = $1", [id]); // expect: query-in-loop
  });
}

async function getOrder(id: string) {
  return prisma.order.findUnique({ where: { id } });
}

export async function orders(ids: string[]) {
  const out = [];
  for await (const id of ids) {
    out.push(await getOrder(id)); // expect: query-in-loop
  }
  let i = 0;
  while (i < ids.length) {
    await prisma.order.delete({ where: { id: ids[i] } }); // expect: query-in-loop
    i++;
  }
  return out;
}

export async function touchAll(knex: import("knex").Knex, ids: string[]) {
  for (const id of ids) {
    await knex.raw("UPDATE items SET seen = now() WHERE id = ?", [id]); // expect: query-in-loop
  }
}

export async function touchEach(knex: import("knex").Knex, ids: string[]) {
  await Promise.all(
    ids.map((id) => {
      return knex.raw("UPDATE items SET seen = now() WHERE id = ?", [id]); // expect: query-in-loop
    }),
  );
}

export async function tagEach(ids: string[], tags: string[]) {
  for (const id of ids) {
    // Spreading a collection from outside the loop does not make the call a batch.
    await pool.query("INSERT INTO tags (item_id, tags) VALUES ($1, $2)", [id, [...tags]]); // expect: query-in-loop
  }
}

export async function namesOf(ids: string[]) {
  // `return` inside the callback leaves the callback, not the loop.
  return Promise.all(
    ids.map(async (id) => {
      if (id) {
        return prisma.user.findUnique({ where: { id } }); // expect: query-in-loop
      }
      return null;
    }),
  );
}

export async function firstPages(limit: number) {
  for (let page = 0; page < limit; page++) {
    // the bound is a parameter: as many rounds as the caller asks for
    await pool.query("SELECT * FROM items LIMIT 50 OFFSET $1", [page * 50]); // expect: query-in-loop
  }
}

export async function archiveEach(ids: string[]) {
  while (ids.length > 0) {
    const id = ids.pop();
    await pool.query("UPDATE items SET archived = true WHERE id = $1", [id]); // expect: query-in-loop
  }
}
