const express = require("express");
const users = require("./services/users");

const router = express.Router();

// ok: lookup and not-found answer are not validation plus business logic
router.get("/users/:id", async (req, res) => {
  const user = await users.find(req.params.id);
  if (!user) {
    return res.status(404).end();
  }
  res.json(user);
});
