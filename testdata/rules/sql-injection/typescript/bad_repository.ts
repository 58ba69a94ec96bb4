// A repository that receives its client from the caller: no driver is
// imported here, the SQL text itself says what the strings are.

interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

export async function ordersByStatus(db: Queryable, status: string) {
  const text = "SELECT * FROM orders WHERE status = '" + status + "'";
  return db.query(text); // expect: sql-injection
}

export async function usersNamed(db: Queryable, first: string, last: string) {
  return db.query("SELECT id FROM users WHERE first = '" + first + "' AND last = '" + last + "'"); // expect: sql-injection
}

export class TaskStore {
  private table = "tasks";

  constructor(private db: Queryable, table?: string) {
    // A field assigned something else than an escaped name or a literal.
    if (table) this.table = table;
  }

  count() {
    return this.db.query(`SELECT count(*) FROM ${this.table}`); // expect: sql-injection
  }

  private tableFor(name: string) {
    // Joined, not escaped: a name with a quote in it breaks out.
    return this.table + "_" + name;
  }

  archived(name: string) {
    const table = this.tableFor(name);
    return this.db.query(`SELECT * FROM ${table}`); // expect: sql-injection
  }
}
