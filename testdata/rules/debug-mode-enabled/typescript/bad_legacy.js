const express = require("express");
const errorHandler = require("errorhandler");

const app = express();
app.use(errorHandler({ log: true })); // expect: debug-mode-enabled
app.use(express.errorHandler({ dumpExceptions: true, showStack: true })); // expect: debug-mode-enabled

module.exports = app;
