import knex from "knex";

const db = knex({ client: "pg" });

export function caseColumn(column: string) {
  let rawCase = `(CASE WHEN ?? IS NULL THEN 0 ELSE 1 END)`;
  rawCase += " AS ??";
  return db.raw(rawCase, [column, column]);
}
