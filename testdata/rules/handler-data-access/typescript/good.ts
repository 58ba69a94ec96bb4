import express from "express";
import { Pool } from "pg";
import { userService } from "./services/users";

const app = express();
const pool = new Pool();

// ok: thin handler delegating to a service
app.get("/users/:id", async (req, res) => {
  res.json(await userService.find(req.params.id));
});

// ok: a plain function called `get` that queries is not a handler
export async function get(key: string) {
  return pool.query("SELECT value FROM settings WHERE key = $1", [key]);
}

// ok: a Map's get is not a route
const cache = new Map<string, string>();
cache.get("/users");

// ok: handler calling a same-file helper that does not query
function shape(row: { id: string }) {
  return { id: row.id };
}

app.get("/health", (req, res) => {
  res.json(shape({ id: "1" }));
});

// ok: NestJS controller calling its injected service
import { Controller, Get } from "@nestjs/common";

class CatsService {
  findAll() {
    return [];
  }
}

@Controller("cats")
export class CatsController {
  constructor(private readonly catsService: CatsService) {}

  @Get()
  findAll() {
    return this.catsService.findAll();
  }
}

// ok: a router used for something else than HTTP
const events = { get: (name: string, cb: () => void) => cb() };
events.get("/orders", () => pool.query("SELECT 1"));
