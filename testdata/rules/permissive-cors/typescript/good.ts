import express from "express";
import cors from "cors";

const allowed = ["https://app.example.com"];
const app = express();

// ok: explicit origins with credentials
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
// ok: a public API: any origin, no credentials
app.use(cors());
// ok: wildcard without credentials
app.use(cors({ origin: "*" }));
// ok: a callback that checks an allowlist
app.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin ?? "")), credentials: true }));
// ok: a restricted regex
app.use(cors({ origin: /\.example\.com$/, credentials: true }));

app.use((req, res, next) => {
  const origin = req.headers.origin ?? "";
  // ok: echoed only after an allowlist check
  if (allowed.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
  }
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.use((req, res, next) => {
  // ok: a ternary that checks the origin
  res.setHeader("Access-Control-Allow-Origin", allowed.includes(req.headers.origin ?? "") ? req.headers.origin ?? "" : "null");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.get("/public", (req, res) => {
  // ok: reflected without credentials
  res.set("Access-Control-Allow-Origin", req.get("origin") ?? "*");
  res.json({ ok: true });
});

const allowedOrigins = ["https://app.example.com"];
// ok: the origins held in the variable are a fixed list
const listedOptions = { origin: allowedOrigins, credentials: true };
app.use(cors(listedOptions));

const SEND_CREDENTIALS = false;

// ok: the origin is echoed, but the credentials flag a constant holds is off
app.use((req, res, next) => {
  res.header("Access-Control-Allow-Origin", req.headers.origin);
  res.header("Access-Control-Allow-Credentials", SEND_CREDENTIALS as any);
  next();
});
