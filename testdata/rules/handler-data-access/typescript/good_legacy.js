const express = require("express");
const orders = require("./services/orders");

const router = express.Router();

// ok: thin handler delegating to a service module
router.post("/orders", async (req, res) => {
  res.status(201).json(await orders.place(req.body));
});
