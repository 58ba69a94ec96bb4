const express = require("express");

const app = express();
const handlers = [];

// ok: reading module state in a handler
app.get("/handlers", (req, res) => res.json({ count: handlers.length }));

// ok: a function named get that is not a handler
function get(key) {
  handlers.push(key);
}

const counters = {};
app.post("/count", ({ body, counters }, res) => {
  // ok: a destructured parameter shadows the module object
  counters[body.key] = 1;
  res.end();
});
