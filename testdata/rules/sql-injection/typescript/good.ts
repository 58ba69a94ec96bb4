import { Pool } from "pg";
import knex from "knex";
import { PrismaClient, Prisma } from "@prisma/client";
import postgres from "postgres";
import { sql } from "drizzle-orm";

const pool = new Pool();
const db = knex({ client: "pg" });
const prisma = new PrismaClient();
const pg = postgres();
const COLUMNS = "id, name, email";

export async function numbered(email: string) {
  // ok: $1 placeholder, value bound
  return pool.query("SELECT * FROM users WHERE email = $1", [email]);
}

export async function constants(id: string) {
  // ok: interpolated module constant
  return pool.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
}

export async function tagged(email: string) {
  // ok: Prisma tagged template binds the value
  return prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email}`;
}

export async function postgresJs(email: string) {
  // ok: postgres.js tagged template binds the value
  return pg`SELECT * FROM users WHERE email = ${email}`;
}

export async function drizzle(email: string) {
  // ok: drizzle sql tag binds the value
  return pool.query(sql`SELECT * FROM users WHERE email = ${email}`);
}

export function builder(status: string) {
  // ok: query builder with bound values
  return db("orders").where({ status }).select("id");
}

export function knexBindings(status: string) {
  // ok: knex raw with ? bindings
  return db.raw("SELECT * FROM orders WHERE status = ?", [status]);
}

export async function inList(ids: string[]) {
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");
  // ok: the interpolated text is a list of placeholders
  return pool.query(`SELECT * FROM users WHERE id IN (${placeholders})`, ids);
}

export async function limited(limit: number) {
  // ok: a number parameter cannot inject SQL
  return pool.query(`SELECT * FROM users LIMIT ${limit}`);
}

export function message(name: string) {
  // ok: a template literal that is not SQL and not a SQL call
  return `Select the plan that suits ${name}`;
}

export async function fromCaller(text: string, values: unknown[]) {
  // ok: the query is a parameter; judged where it is built
  return pool.query(text, values);
}

export async function prismaSql(email: string) {
  // ok: Prisma.sql fragment
  return prisma.$queryRaw(Prisma.sql`SELECT * FROM "User" WHERE email = ${email}`);
}

// ok: an identifier quoted by the driver cannot be bound; quoting is the safe form
export async function countRows(table: string) {
  return pool.query(`SELECT count(*) FROM ${pool.escapeIdentifier(table)}`);
}

export async function usersNamedSafely(source: import("typeorm").DataSource, name: string) {
  // ok: the value is a named parameter of the query builder
  return source.getRepository("User").createQueryBuilder("u").where("u.name = :name", { name }).getMany();
}

const SORTABLE = ["name", "email"];
const DIRECTIONS = { up: "ASC", down: "DESC" } as const;

export async function sortedUsers(column: string, direction: "up" | "down") {
  // ok: a fixed allow-list guards the column; the direction is a mapped constant
  if (!SORTABLE.includes(column)) throw new Error(`bad column ${column}`);
  const order = DIRECTIONS[direction];
  return pool.query(`SELECT * FROM users ORDER BY ${column} ${order}`);
}

export function sortedByColumns(sortRecords: { column: string; order: "asc" | "desc" }[]) {
  let orderBy = "";
  for (const record of sortRecords) {
    orderBy += `?? ${record.order}, `;
  }
  // ok: values and identifiers are bound (`??`); only the sort direction is interpolated
  return db.raw(`SELECT * FROM orders ORDER BY ${orderBy}`, sortRecords.map((r) => r.column));
}

export function caseWhen(compiled: string, bindings: unknown[], column: string) {
  // ok: a condition compiled by the query builder, with its bindings passed beside it
  return db.raw(`(CASE WHEN ${compiled} THEN ?? END)`, [...bindings, column]);
}

const TABLES = { segments: "segments", strategies: "feature_strategies" };

export async function segmentCount() {
  // ok: the table name comes from a module constant object of names
  return db.raw(`SELECT count(*) AS n FROM ${TABLES.segments}`);
}

export class CrudStore {
  constructor(private tableName: string) {}

  async exists(id: string) {
    // ok: the store's table name fills the FROM slot; the value is bound
    return db.raw(`SELECT EXISTS(SELECT 1 FROM ${this.tableName} WHERE id = ?) AS present`, [id]);
  }
}

export async function insertRow(table: string, columns: string[], values: unknown[]) {
  const marks = values.map((_, i) => "$" + (i + 1)).join(", ");
  // ok: values are bound and the literal text has no placeholder, so the VALUES list holds the generated ones
  return pool.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${marks})`, values);
}

export async function wrapped(statement: string) {
  // ok: the caller's statement becomes the body of a common table expression
  return pool.query(`WITH result AS (${statement}) SELECT count(*) FROM result`);
}
