import { Pool } from "pg";

const pool = new Pool();

export function priceWithTax(net: number, rate: number) {
  return Math.round(net * (1 + rate) * 100) / 100;
}

export async function discountedProducts() {
  // Single quotes are the literal's, not a quoted SQL string.
  return pool.query('SELECT id, price FROM products WHERE discount > 0'); // expect: scattered-sql
}

export function label(name: string, price: number) {
  return `${name}: ${price.toFixed(2)}`;
}
