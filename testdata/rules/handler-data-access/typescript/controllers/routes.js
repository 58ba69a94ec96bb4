const express = require("express");
const users = require("./controllers/users");
const orders = require("./controllers/orders");
const { requireLogin } = require("./middleware");
const userService = require("./services/users");

const router = express.Router();
router.get("/users/:id", users.show);
router.post("/users", requireLogin, users.create);
router.get("/orders", orders.list);
router.delete("/orders/:id", orders.remove());
// ok: an inline handler that leaves the query to the service
router.post("/users/import", async (req, res) => res.json(await userService.create(req.body)));

module.exports = router;
