import { readRows } from "./rows";
import { fullName } from "../format";

// Reads rows only when handed primary keys; otherwise a check in memory.
export async function checkAccess(options: { collection: string; primaryKeys?: string[] }) {
  if (options.primaryKeys) {
    const rows = await readRows(options.collection, options.primaryKeys);
    return rows.rowCount === options.primaryKeys.length;
  }
  return fullName({ first: options.collection, last: "" }) !== "";
}

// The same test joined with another by `&&`.
export async function checkItems(options: { collection: string; keys?: string[] }, strict: boolean) {
  if (strict && options.keys) {
    await readRows(options.collection, options.keys);
  }
}

// Queries whatever it is handed: the test guards one of two reads.
export async function checkBoth(options: { collection: string; keys?: string[] }) {
  if (options.keys) {
    await readRows(options.collection, options.keys);
  }
  return readRows(options.collection, []);
}
