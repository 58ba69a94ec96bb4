import express from "express";
import { Client, Pool } from "pg";
import mysql from "mysql2/promise";
import { PrismaClient } from "@prisma/client";

const app = express();
const router = express.Router();

app.get("/users/:id", async (req, res) => {
  const client = new Client({ connectionString: process.env.DATABASE_URL }); // expect: connection-per-request
  await client.connect();
  res.json((await client.query("SELECT * FROM users WHERE id = $1", [req.params.id])).rows);
});

async function listOrders(req, res) {
  const conn = await mysql.createConnection({ host: "db" }); // expect: connection-per-request
  res.json(await conn.query("SELECT * FROM orders"));
}

router.get("/orders", listOrders);

function db() {
  return new PrismaClient(); // expect: connection-per-request
}

router.post("/orders", async (req, res) => {
  res.json(await db().order.create({ data: req.body }));
});

app.route("/stats").get(async (req, res) => {
  const pool = new Pool(); // expect: connection-per-request
  res.json(await pool.query("SELECT count(*) FROM users"));
});
