import { Hono } from "hono";
import Router from "@koa/router";
import knex from "knex";

const db = knex({ client: "pg" });
const app = new Hono();
const router = new Router();

// expect: handler-data-access
app.get("/books", async (c) => c.json(await db("books").select("*")));

// expect: handler-data-access
router.get("/authors", async (ctx) => {
  ctx.body = await db.raw("SELECT * FROM authors");
});
