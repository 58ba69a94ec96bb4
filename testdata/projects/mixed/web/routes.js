const express = require("express");
const orders = require("./orders");

const router = express.Router();
router.get("/orders", orders.list);

module.exports = router;
