import Router from "@koa/router";
import { Hono } from "hono";
import { Sequelize } from "sequelize";
import { MongoClient } from "mongodb";

const router = new Router();
const app = new Hono();

router.get("/products", async (ctx) => {
  const sequelize = new Sequelize(process.env.DATABASE_URL); // expect: connection-per-request
  ctx.body = await sequelize.query("SELECT * FROM products");
});

app.get("/events", async (c) => {
  const client = new MongoClient(process.env.MONGO_URL); // expect: connection-per-request
  return c.json(await client.db().collection("events").find().toArray());
});
