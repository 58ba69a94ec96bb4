const express = require("express");
const users = require("./controllers/users");
const orders = require("./controllers/orders");
const { requireLogin } = require("./middleware");

const router = express.Router();
router.get("/users/:id", users.show);
router.post("/users", requireLogin, users.create);
router.get("/orders", orders.list);
router.delete("/orders/:id", orders.remove());

module.exports = router;
