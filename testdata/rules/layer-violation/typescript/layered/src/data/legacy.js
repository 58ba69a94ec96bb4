const services = require("../services/users"); // expect: layer-violation

module.exports = { services };
