import axios from "axios";
import got from "got";
import https from "node:https";
import fetchPolyfill from "node-fetch";

export async function loadUser(id: string) {
  const res = await fetch(`${process.env.USERS_URL}/users/${id}`); // expect: http-call-without-timeout
  return res.json();
}

export async function postEvent(event: object) {
  // expect: http-call-without-timeout
  await fetch(process.env.EVENTS_URL!, {
    method: "POST",
    body: JSON.stringify(event),
  });
}

export const getOrders = () => axios.get("/orders"); // expect: http-call-without-timeout

export const createOrder = (order: object) => axios.post("/orders", order, { headers: {} }); // expect: http-call-without-timeout

export const disabled = () => axios.get("/slow", { timeout: 0 }); // expect: http-call-without-timeout

const api = axios.create({ baseURL: process.env.API_URL }); // expect: http-call-without-timeout

export const listItems = () => api.get("/items");

export const viaGot = (url: string) => got(url).json(); // expect: http-call-without-timeout

export const viaGotPost = (url: string, json: object) => got.post(url, { json }); // expect: http-call-without-timeout

export const viaPolyfill = (url: string) => fetchPolyfill(url); // expect: http-call-without-timeout

export function ping(urlToPing: string) {
  const req = https.request(urlToPing, { method: "HEAD" }, (res) => res.resume()); // expect: http-call-without-timeout
  req.end();
}

const jsonHeaders = { headers: { Accept: "application/json" } };

export const getInvoices = () => axios.get("/invoices", jsonHeaders); // expect: http-call-without-timeout

export async function postEvent(body: string) {
  const init = { method: "POST", body, ...jsonHeaders };
  return fetch("https://events.internal/ingest", init); // expect: http-call-without-timeout
}
