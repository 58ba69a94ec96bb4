import express from "express";
import { openClient, shared } from "./db";

const app = express();

async function reports(req: express.Request, res: express.Response) {
  const client = await openClient();
  const result = await client.query("SELECT count(*) FROM orders");
  await client.end();
  res.json(result.rows);
}

async function stock(req: express.Request, res: express.Response) {
  const result = await shared().query("SELECT count(*) FROM stock");
  res.json(result.rows);
}

app.get("/reports", reports);
app.get("/stock", stock);
