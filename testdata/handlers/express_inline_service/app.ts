import express from "express";

import { OrderService } from "./orders.service";

const app = express();
const orders = new OrderService();

app.get("/orders/:id", async (req, res) => {
  res.json(await orders.find(Number(req.params.id)));
});

app.listen(3000);
