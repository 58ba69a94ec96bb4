// Keys that reach a signing or MAC library, whatever they look like.
import crypto from "node:crypto";
import cookieParser from "cookie-parser";
import express from "express";
import session from "express-session";
import jwt from "jsonwebtoken";

const app = express();
app.use(session({ secret: "keyboard cat", resave: false })); // expect: hardcoded-secret
app.use(cookieParser("cookie secret")); // expect: hardcoded-secret

const JWT_SECRET = process.env.JWT_SECRET || "dev-secret"; // expect: hardcoded-secret

export function issue(userId: string) {
  return jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: "1h" });
}

export function check(token: string) {
  return jwt.verify(token, "shhhhh"); // expect: hardcoded-secret
}

const webhookKey = Buffer.from("whsec-local"); // expect: hardcoded-secret
export function sign(body: string) {
  return crypto.createHmac("sha256", webhookKey).update(body).digest("hex");
}
