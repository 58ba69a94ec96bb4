const lib = require("./index");

module.exports = { name: "b", lib };
