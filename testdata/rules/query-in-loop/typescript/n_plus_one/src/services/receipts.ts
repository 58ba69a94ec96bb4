import { orderOf } from "./order_lookup";

export async function receipts(ids: number[]) {
  const out = [];
  for (const id of ids) {
    // orderOf queries through the Order model of another module.
    out.push(await orderOf(id)); // expect: query-in-loop
  }
  return out;
}
