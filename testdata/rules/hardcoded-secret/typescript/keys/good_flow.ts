// ok: keys that come from the environment, configuration or the caller.
import crypto from "node:crypto";
import express from "express";
import session from "express-session";
import jwt from "jsonwebtoken";

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false }));

const JWT_SECRET = process.env.JWT_SECRET;

export function issue(userId: string) {
  return jwt.sign({ sub: userId }, JWT_SECRET!, { expiresIn: "1h" });
}

export function check(token: string, key: string) {
  return jwt.verify(token, key);
}

export function sign(body: string, config: { webhookKey: string }) {
  return crypto.createHmac("sha256", config.webhookKey).update(body).digest("hex");
}
