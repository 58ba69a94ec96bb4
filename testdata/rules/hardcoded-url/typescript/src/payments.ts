import Stripe from "stripe";

const PAYMENTS_URL = "https://payments.example.net/api"; // expect: hardcoded-url

export async function charge(id: string) {
  return fetch(`https://payments.example.net/api/charges/${id}`, { signal: AbortSignal.timeout(5000) }); // expect: hardcoded-url
}

export const socket = new WebSocket("wss://events.example.net/stream"); // expect: hardcoded-url

export const pool = new Pool({ connectionString: "postgres://app@db.prod.example.net:5432/shop" }); // expect: hardcoded-url

export const nats = connect({ servers: ["nats://nats.prod.example.net:4222"] }); // expect: hardcoded-url

export const repos = () => fetch("https://api.github.com/orgs/acme/repos", { signal }); // expect: hardcoded-url
