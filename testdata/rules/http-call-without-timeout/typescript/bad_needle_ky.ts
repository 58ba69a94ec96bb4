import ky from "ky";
import needle from "needle";

export async function profile(url: string) {
  return needle("get", url, { json: true }); // expect: http-call-without-timeout
}

export async function ingest(payload: object) {
  return needle.post(process.env.EVENTS_URL, payload, { json: true }); // expect: http-call-without-timeout
}

export async function status(url: string) {
  return needle.get(url); // expect: http-call-without-timeout
}

const unbounded = { timeout: false as const, retry: 2 };
export const items = () => ky.get("/items", unbounded); // expect: http-call-without-timeout

export const catalog = ky.create({ prefixUrl: process.env.CATALOG_URL, timeout: false }); // expect: http-call-without-timeout
