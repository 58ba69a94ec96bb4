import express from "express";
import pino from "pino";

const app = express();
const logger = pino();

export function start() {
  // ok: start-up output, not a handler
  console.log("listening");
}

app.post("/orders", (req, res) => {
  // ok: through the logger
  logger.info({ id: req.body.id }, "new order");
  // ok: console.error is how small services log failures
  if (!req.body) console.error("empty order");
  // eslint-disable-next-line no-console
  console.log("allowed by the team"); // ok: the team told its linter this is intended
  res.json({ ok: true });
});
