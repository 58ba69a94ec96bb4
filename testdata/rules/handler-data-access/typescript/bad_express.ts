import express from "express";
import { Pool } from "pg";
import { PrismaClient } from "@prisma/client";

const app = express();
const router = express.Router();
const pool = new Pool();
const prisma = new PrismaClient();

// expect: handler-data-access
app.get("/users/:id", async (req, res) => {
  const result = await pool.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  res.json(result.rows);
});

async function listOrders(req, res) { // expect: handler-data-access
  const orders = await prisma.order.findMany();
  const count = await prisma.order.count();
  res.json({ orders, count });
}

router.get("/orders", listOrders);

function loadStats() {
  return pool.query("SELECT count(*) FROM orders");
}

// expect: handler-data-access
router.get("/stats", async (req, res) => {
  res.json(await loadStats());
});
