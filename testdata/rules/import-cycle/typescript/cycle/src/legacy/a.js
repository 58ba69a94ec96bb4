const b = require("./b"); // expect: import-cycle

module.exports = { name: "a", b };
