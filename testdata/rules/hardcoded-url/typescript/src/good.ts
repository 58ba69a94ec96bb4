import { config } from "./config";
import { thing } from "https://deno.land/x/thing/mod.ts";

// ok: the URL comes from configuration
const base = config.paymentsUrl;

// ok: an environment look-up with a local default
const api = process.env.API_URL ?? "http://localhost:3000";

// ok: the host is interpolated
const url = `https://${host}/v1/status`;

// ok: a docs link in an error message
throw new Error("Invalid token, see https://docs.example.com/auth for details");

// ok: the SVG namespace
const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");

// ok: a relative path
await fetch("/api/health", { signal });

// ok: a documentation link in a value
const MDN = "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers";

// ok: a link to a web page of a code host, shown to the user
console.log(`Changelog: https://github.com/acme/shop/releases/tag/v${version}`);
const releases = `https://github.com/acme/shop/releases/tag/v${version}`;
