import ky from "ky";
import needle from "needle";

export async function profile(url: string) {
  // ok: the response has a deadline
  return needle("get", url, { json: true, response_timeout: 5000 });
}

export async function ingest(url: string, payload: object) {
  // ok: each read has a deadline
  return needle("post", url, payload, { read_timeout: 3000 });
}

export async function status(url: string, options: needle.NeedleOptions) {
  // ok: options from the caller, not known here
  return needle.get(url, options);
}

// ok: ky's instances time out after 10 s by default
export const catalog = ky.create({ prefixUrl: process.env.CATALOG_URL });

// ok: a ky instance with its own deadline
export const slow = ky.extend({ timeout: 60_000 });
