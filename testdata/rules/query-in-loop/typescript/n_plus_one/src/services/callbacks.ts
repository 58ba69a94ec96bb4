import * as users from "../repositories/users";
import { caseColumn } from "../repositories/fragments";

export async function emails(ids: number[]) {
  // The callback runs once per id, as a loop's body does.
  return Promise.all(ids.map((id) => users.findUser(id))); // expect: query-in-loop
}

export async function touch(ids: number[]) {
  ids.forEach(async (id) => {
    await users.teamOf(id); // expect: query-in-loop
  });
}

export async function checks(userId: number) {
  const actions = { read: false, update: false, delete: false };
  // ok: one check per action of an object written out here: a fixed handful
  await Promise.all(Object.keys(actions).map((action) => users.findUser(userId + action.length)));
  return actions;
}

export function columns(names: string[]) {
  // ok: caseColumn returns a knex.raw fragment (no statement): the query runs once, later
  return names.map((name) => caseColumn(name));
}
