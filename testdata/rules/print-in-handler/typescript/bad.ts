import express from "express";

const app = express();

app.post("/orders", (req, res) => {
  console.log(req.body); // expect: print-in-handler
  res.json({ ok: true });
});

app.get("/orders/:id", async (req, res) => {
  const order = await Promise.resolve({ id: req.params.id });
  [order].forEach((o) => console.debug(o)); // expect: print-in-handler
  res.json(order);
});
