const Fastify = require("fastify");
const Router = require("koa-router");

const app = Fastify();
const router = new Router();
const cache = {};
let total = 0;

app.post("/cache/:key", async (request, reply) => {
  cache[request.params.key] = request.body; // expect: shared-mutable-state
  return { ok: true };
});

router.get("/total", async (ctx) => {
  total = total + 1; // expect: shared-mutable-state
  ctx.body = { total };
});
