import axios from "axios";
import got from "got";
import https from "node:https";

// ok: fetch with an abort signal
await fetch(url, { signal: AbortSignal.timeout(5000) });

// ok: fetch with a controller's signal (shorthand property)
const signal = controller.signal;
await fetch(url, { method: "POST", signal });

// ok: init passed as a variable may hold the signal
await fetch(url, init);

// ok: axios with a timeout
await axios.get("/orders", { timeout: 5000 });

// ok: axios post with a timeout in the config argument
await axios.post("/orders", order, { timeout: 5000 });

// ok: an instance created with a timeout, reused
const api = axios.create({ baseURL: base, timeout: 10_000 });
await api.get("/items");
await api.post("/items", item);

// ok: an instance whose default timeout is set after creation
const legacy = axios.create({ baseURL: base });
legacy.defaults.timeout = 5000;
await legacy.get("/items");

// ok: got with a timeout
await got(url, { timeout: { request: 10_000 } });

// ok: node https with a timeout option
https.request(url, { timeout: 5000 }, (res) => res.resume());

// ok: node https with setTimeout on the request
const req = https.get(url, (res) => res.resume());
req.setTimeout(5000);

// ok: a method called get on a Map
const cache = new Map<string, string>();
cache.get("key");

// ok: a local function named request
function request(x: string) {
  return x;
}
request("a");

const bounded = { timeout: 5_000, headers: { Accept: "application/json" } };

// ok: the timeout is in the options held in a module constant
export const getBounded = () => axios.get("/invoices", bounded);

export async function postBounded(body: string) {
  // ok: the signal comes with the spread defaults
  const base = { signal: AbortSignal.timeout(5_000) };
  const init = { method: "POST", body, ...base };
  return fetch("https://events.internal/ingest", init);
}

// ok: `fetch` here is the caller's loader, a parameter, not the global fetch
export async function cached(key: string, fetch: (key: string) => Promise<string>) {
  return await fetch(key);
}
