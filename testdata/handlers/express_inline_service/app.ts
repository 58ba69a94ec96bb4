import express from "express";

import Billing from "./billing.service";
import { OrderService } from "./orders.service";

const app = express();
const orders = new OrderService();
const billing = new Billing();

app.get("/orders/:id", async (req, res) => {
  res.json(await orders.find(Number(req.params.id)));
});

app.post("/orders/:id/pay", async (req, res) => {
  res.json(await billing.charge(Number(req.params.id)));
});

app.listen(3000);
