const express = require("express");
const orders = require("./controllers/orders");

const router = express.Router();
router.post("/orders", orders.create);
router.get("/orders", orders.list);

module.exports = router;
