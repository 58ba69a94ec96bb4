import express from "express";
import { Client, Pool } from "pg";
import { PrismaClient } from "@prisma/client";
import { ordersService } from "./services/orders";

const app = express();
// ok: pool and client created once at start-up
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const prisma = new PrismaClient();

app.get("/users/:id", async (req, res) => {
  // ok: query through the shared pool
  const { rows } = await pool.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  res.json(rows);
});

// ok: thin handler delegating to a service
app.post("/orders", async (req, res) => res.json(await ordersService.create(req.body)));

let reportPool: Pool | undefined;
app.get("/reports", async (req, res) => {
  // ok: lazy one-time initialisation
  if (!reportPool) {
    reportPool = new Pool();
  }
  res.json(await reportPool.query("SELECT 1"));
});

export async function migrate() {
  // ok: a script, not a handler
  const client = new Client();
  await client.connect();
}

const cache = new Map<string, () => Client>();
// ok: Map#set with a path-like key is not a route
cache.set("/users", () => new Client());

class Client2 {
  get(path: string) {
    // ok: a method called `get` is not a handler
    return new Client();
  }
}
