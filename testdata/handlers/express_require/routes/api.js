// A router made from an inline require, handlers taken from controllers
// by destructuring or as module members.
const router = require("express").Router();
const users = require("../controllers/users");
const { login, signup: register } = require("../controllers/auth");

router.get("/users/:id", users.show);
router.post("/login", login);
router.post("/signup", register);

module.exports = router;
