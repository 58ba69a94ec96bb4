import express from "express";
import { listUsers } from "./controllers/users";

const app = express();
const router = express.Router();

function createUser(req, res) {
  res.status(201).end();
}

app.get("/users", listUsers);
app.post("/users", createUser);
router.delete("/users/:id", async (req, res) => {
  res.end();
});

const cache = new Map();
cache.get("/users");
