import express from "express";
import { Pool } from "pg";
import { Hono } from "hono";
import { usersService } from "./services/users";

const app = express();
const hono = new Hono();
// ok: constants, a pool and a logger created once
const LIMITS = Object.freeze({ max: 10 });
const pool = new Pool();
const logger = console;
const routes: string[] = [];
// ok: start-up registration of module state
routes.push("/users");
let cachedConfig: object | undefined;

app.get("/users", async (req, res) => {
  // ok: local variables that shadow module names and per-request objects
  const routes: string[] = [];
  routes.push(req.path);
  const result = { rows: [] as string[] };
  result.rows.push("x");
  logger.info("users");
  res.json(await usersService.list(pool, LIMITS.max));
});

app.get("/config", (req, res) => {
  // ok: lazy one-time initialisation
  if (!cachedConfig) {
    cachedConfig = { loaded: true };
  }
  res.json(cachedConfig);
});

// ok: a thin Hono handler delegating to a service
hono.get("/health", (c) => c.json(usersService.health()));

function register(path: string) {
  // ok: not called from a handler
  routes.push(path);
}

const map = new Map<string, number>();
// ok: Map#get with a path-like key is not a route
map.get("/users");

const rates = new Map<string, { at: number; value: number }>();
const quotes: Record<string, { at: number; value: number }> = {};

app.get("/rates/:currency", async (req, res) => {
  const hit = rates.get(req.params.currency);
  if (hit && Date.now() - hit.at < 60_000) {
    return res.json(hit);
  }
  // ok: entries stored with a time stamp by a function that checks their age: a cache that expires
  rates.set(req.params.currency, { at: Date.now(), value: await usersService.rate(req.params.currency) });
  quotes[req.params.currency] = { at: Date.now(), value: 1 };
  res.json(rates.get(req.params.currency));
});
