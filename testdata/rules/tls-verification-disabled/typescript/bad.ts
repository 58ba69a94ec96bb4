import https from "node:https";
import axios from "axios";
import { Pool } from "pg";

export const agent = new https.Agent({ rejectUnauthorized: false }); // expect: tls-verification-disabled

export const api = axios.create({
  baseURL: process.env.API_URL,
  // expect: tls-verification-disabled
  httpsAgent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }),
});

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { "rejectUnauthorized": false }, // expect: tls-verification-disabled
});

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // expect: tls-verification-disabled
process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = '0'; // expect: tls-verification-disabled

export const lax = https.request({
  host: "api.example.com",
  checkServerIdentity: () => undefined, // expect: tls-verification-disabled
});

const INSECURE = false;

export const viaConstant = axios.create({
  httpsAgent: new https.Agent({ rejectUnauthorized: INSECURE }), // expect: tls-verification-disabled
});
