import * as users from "../repositories/users";
import { itemsFor, itemsForAll } from "../repositories/users";
import { fullName } from "../format";

export async function totals(userIds: number[]) {
  const result: Record<number, unknown> = {};
  for (const id of userIds) {
    result[id] = await itemsFor(id); // expect: query-in-loop
  }
  return result;
}

export async function names(userIds: number[]) {
  const out = [];
  for (let i = 0; i < userIds.length; i++) {
    out.push(await users.findUser(userIds[i])); // expect: query-in-loop
  }
  return out;
}

export async function batched(userIds: number[]) {
  // ok: one batched query outside the loop
  const rows = await itemsForAll(userIds);
  const grouped = new Map();
  for (const row of rows.rows) {
    grouped.set(row.user_id, row);
  }
  return grouped;
}

export function labels(people: { first: string; last: string }[]) {
  const out = [];
  for (const p of people) {
    // ok: a pure helper from another module
    out.push(fullName(p));
  }
  return out;
}

export async function itemsByTeam(members: { team: string; id: number }[]) {
  const idsByTeam = new Map<string, Set<number>>();
  for (const member of members) {
    idsByTeam.set(member.team, (idsByTeam.get(member.team) ?? new Set()).add(member.id));
  }
  const out = [];
  for (const [team, ids] of idsByTeam) {
    // ok: one call per team, each taking the team's whole group of ids
    out.push({ team, items: await itemsForAll([...ids]) });
  }
  return out;
}

export async function rolePermissions(people: { role: string }[]) {
  const out = [];
  for (const person of people) {
    // ok: permissionsFor answers from its cache first: one query per distinct role
    out.push(await users.permissionsFor(person.role));
  }
  return out;
}

export async function teams(userIds: number[]) {
  const out = [];
  for (const id of userIds) {
    out.push(await users.teamOf(id)); // expect: query-in-loop
  }
  return out;
}
