import express from "express";
import { PrismaClient } from "@prisma/client";

const app = express();
const prisma = new PrismaClient();

// expect: fat-handler
app.post("/orders", async (req, res) => {
  if (!req.body.items) {
    return res.status(400).json({ error: "items" });
  }
  let total = 0;
  for (const item of req.body.items) {
    const product = await prisma.product.findUnique({ where: { id: item.id } });
    total += product.price * item.qty;
  }
  const discounted = total > 100 ? total * 0.9 : total;
  res.status(201).json(await prisma.order.create({ data: { total: discounted } }));
});
