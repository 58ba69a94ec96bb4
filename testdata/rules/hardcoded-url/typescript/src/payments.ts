import Stripe from "stripe";

const PAYMENTS_URL = "https://payments.internal.example.net/api"; // expect: hardcoded-url

export async function charge(id: string) {
  return fetch(`https://payments.internal.example.net/api/charges/${id}`, { signal: AbortSignal.timeout(5000) }); // expect: hardcoded-url
}

export const socket = new WebSocket("wss://events.staging.example.net/stream"); // expect: hardcoded-url

export const pool = new Pool({ connectionString: "postgres://app@db.prod.example.net:5432/shop" }); // expect: hardcoded-url

export const nats = connect({ servers: ["nats://nats.prod.example.net:4222"] }); // expect: hardcoded-url

export const ledger = () => fetch("http://ledger:8080/entries", { signal }); // expect: hardcoded-url
export const ledger = "http://ledger.local:8080/entries"; // expect: hardcoded-url

// A vendor's domain does not cover a host of the project's own under another one.
export const checkout = "https://checkout.sandbox.example-shop.net/pay"; // expect: hardcoded-url
