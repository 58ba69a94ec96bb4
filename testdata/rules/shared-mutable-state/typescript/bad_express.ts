import express from "express";

const app = express();
const router = express.Router();

let requestCount = 0;
let lastUser: string | undefined;
const sessions = new Map<string, object>();
const queue: string[] = [];
const stats = { hits: 0 };
const seen = new Set<string>();

app.get("/hit", (req, res) => {
  requestCount++; // expect: shared-mutable-state
  stats.hits += 1; // expect: shared-mutable-state
  res.json({ requestCount });
});

router.post("/login", (req, res) => {
  sessions.set(req.body.user, { at: Date.now() }); // expect: shared-mutable-state
  lastUser = req.body.user; // expect: shared-mutable-state
  res.sendStatus(204);
});

function enqueue(job: string) {
  queue.push(job); // expect: shared-mutable-state
}

router.post("/jobs", (req, res) => {
  enqueue(req.body.job);
  res.sendStatus(202);
});

async function forget(req, res) {
  delete stats[req.params.key]; // expect: shared-mutable-state
  seen.clear(); // expect: shared-mutable-state
  res.end();
}

app.delete("/stats/:key", forget);
