import { Order } from "../models/order";
import { Lookup } from "../models/lookup";

export async function totals(ids: number[]) {
  const out = [];
  for (const id of ids) {
    out.push(await Order.findByPk(id)); // expect: query-in-loop
  }
  return out;
}

export function labels(ids: number[]) {
  const out = [];
  for (const id of ids) {
    // ok: a static helper of the model that runs no query
    out.push(Order.label(id));
  }
  return out;
}

export function names(ids: number[]) {
  const out = [];
  for (const id of ids) {
    // ok: findOne of an in-memory lookup, in a module that uses no database
    out.push(Lookup.findOne(id));
  }
  return out;
}

export async function batched(ids: number[]) {
  // ok: one query for all the ids, outside any loop
  return Order.findAll({ where: { id: ids } });
}
