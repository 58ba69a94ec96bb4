// Look-alikes in a repository without a driver import.

interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

const DEFAULT_STATUS = "open";

export async function openOrders(db: Queryable) {
  // ok: concatenation of constants only
  return db.query("SELECT * FROM orders WHERE status = '" + DEFAULT_STATUS + "'");
}

export async function ordersByStatus(db: Queryable, status: string) {
  // ok: the value is bound, the concatenation only joins constant text
  return db.query("SELECT * FROM orders " + "WHERE status = $1", [status]);
}

export async function search(index: Queryable, term: string) {
  // ok: not SQL, a search-engine query string
  return index.query("title:" + term + " AND published:true");
}
