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
