const { Pool } = require("pg");
const orderService = require("../services/orders");

const pool = new Pool();

exports.create = async (req, res) => { // expect: fat-handler
  if (!req.body.items) {
    return res.status(400).json({ error: "items" });
  }
  let total = 0;
  for (const item of req.body.items) {
    total += item.price * item.qty;
  }
  const discounted = total > 100 ? total * 0.9 : total;
  const result = await pool.query("INSERT INTO orders (total) VALUES ($1) RETURNING id", [discounted]);
  res.status(201).json(result.rows[0]);
};

// ok: a thin handler that delegates to a service
exports.list = async (req, res) => {
  res.json(await orderService.list(req.query));
};

// ok: never registered as a route, however much it does
exports.report = async (req, res) => {
  if (!req.query.from) {
    return res.status(400).json({ error: "from" });
  }
  let sum = 0;
  for (const row of (await pool.query("SELECT total FROM orders")).rows) {
    sum += row.total * 1.2;
  }
  res.json({ sum: sum > 0 ? sum : 0 });
};
