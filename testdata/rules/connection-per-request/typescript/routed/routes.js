const express = require("express");
const reports = require("./controllers/reports");

const router = express.Router();
router.get("/reports/daily", reports.daily);
router.get("/reports/weekly", reports.weekly);

module.exports = router;
