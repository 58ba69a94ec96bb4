import * as models from "../models";

export async function reload(ids: number[]) {
  const out = [];
  for (const id of ids) {
    out.push(await models.Order.findByPk(id)); // expect: query-in-loop
  }
  return out;
}

export function lookups(ids: number[]) {
  // ok: findOne of the in-memory lookup the models barrel also exports
  return ids.map((id) => models.Lookup.findOne(id));
}
