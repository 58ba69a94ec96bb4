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

// ok: public endpoints and pages that are the same in every deployment: a
// third-party API, a docs or help link on the project's own site, an image
// in an email, sample referrers in a data generator.
export const repos = () => fetch("https://api.github.com/orgs/acme/repos", { signal: AbortSignal.timeout(5000) });
export const help = { message: "Invalid post", help: "https://ghost.org/docs/admin-api/#posts" };
export const logo = { image: "https://static.ghost.org/v5.0.0/images/milestone-email-members-100.png" };
export const referrers = ["https://www.google.com", "https://news.google.com", "https://t.co"];
export const geo = (ip: string) => fetch(`https://get.geojs.io/v1/ip/geo/${ip}.json`, { signal: AbortSignal.timeout(5000) });
export const devAdmin = "http://localhost:4200/ghost/";
// ok: a placeholder base to resolve a relative redirect; it is stripped again, never contacted
export const pathOf = (location: string) => new URL(location, "http://dummy.local").pathname;

// ok: origins a Content-Security-Policy allows; the browser checks them, nothing connects
export const helmetDirectives = {
  connectSrc: ["'self'", "https://api.staging.acme.io"],
  "frame-ancestors": ["https://admin.internal"],
};

// ok: an OpenAPI schema's example shows what the field holds
export const inviteSchema = {
  type: "object",
  example: { url: "https://my_instance/new-user?invite=abc", name: "Invite viewers" },
};

// ok: sources a Content-Security-Policy allows, named for their directive
const ANALYTICS_CONNECT_SRC = ["https://ingest.analytics-internal"];

// ok: the documented local default of an option read from the environment
export const databaseOptions = {
  databaseURI: {
    env: "APP_DATABASE_URI",
    help: "The full URI of the database.",
    default: "mongodb://localhost:27017/app",
  },
};

// ok: a vendor's own sandbox beside its production endpoint: fixed public hosts
const RECEIPT_SANDBOX_URL = "https://sandbox.itunes.apple.com/verifyReceipt";
const RECEIPT_PRODUCTION_URL = "https://buy.itunes.apple.com/verifyReceipt";
export const receiptUrl = (sandbox: boolean) => (sandbox ? RECEIPT_SANDBOX_URL : RECEIPT_PRODUCTION_URL);
