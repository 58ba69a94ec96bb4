import { Client, Pool } from "pg";

const pool = new Pool();

export async function openClient(): Promise<Client> {
  const client = new Client(); // expect: connection-per-request
  await client.connect();
  return client;
}

// ok: hands out connections of the pool made once at start-up
export function shared(): Pool {
  return pool;
}
