// ok: a class built around the database client whose methods are queries
// owns them, whatever its module does besides.
import { Knex } from "knex";

export class MembersStats {
  constructor(private db: { knex: Knex }) {}

  async total() {
    return this.db.knex.raw("SELECT COUNT(id) AS total FROM members");
  }

  async since(at: Date) {
    return this.db.knex.raw("SELECT COUNT(id) AS total FROM members WHERE created_at >= ?", [at]);
  }

  async today() {
    return this.db.knex.raw("SELECT COUNT(id) AS total FROM members WHERE created_at >= CURRENT_DATE");
  }
}

export function formatCount(n: number) {
  return n.toLocaleString();
}

export function percent(part: number, whole: number) {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

export function label(kind: string) {
  return `${kind} members`;
}

export function plural(n: number) {
  return n === 1 ? "member" : "members";
}
