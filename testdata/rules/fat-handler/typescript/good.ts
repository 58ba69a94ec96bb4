import express from "express";
import { PrismaClient } from "@prisma/client";
import { orderService } from "./services/orders";

const app = express();
const prisma = new PrismaClient();

// ok: thin handler delegating to a service
app.post("/orders", async (req, res) => {
  if (!req.body.items) {
    return res.status(400).json({ error: "items" });
  }
  res.status(201).json(await orderService.place(req.body));
});

// ok: a plain function that validates, computes and queries is not a handler
export async function place(body: { items: { id: string; qty: number }[] }) {
  if (!body.items) {
    throw new Error("400 items");
  }
  let total = 0;
  for (const item of body.items) {
    total += (await prisma.product.findUnique({ where: { id: item.id } })).price * item.qty;
  }
  return prisma.order.create({ data: { total } });
}
