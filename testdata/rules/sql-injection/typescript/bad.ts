import { Pool } from "pg";
import mysql from "mysql2/promise";
import knex from "knex";
import { PrismaClient } from "@prisma/client";
import { Sequelize } from "sequelize";

const pool = new Pool();
const db = knex({ client: "pg" });
const prisma = new PrismaClient();
const sequelize = new Sequelize("postgres://localhost/app");

export async function byEmail(email: string) {
  return pool.query(`SELECT * FROM users WHERE email = '${email}'`); // expect: sql-injection
}

export async function byName(name: string) {
  const conn = await mysql.createConnection({});
  return conn.execute("SELECT * FROM users WHERE name = '" + name + "'"); // expect: sql-injection
}

export async function sorted(column: string) {
  let sql = "SELECT * FROM users";
  sql += " ORDER BY " + column;
  return pool.query(sql); // expect: sql-injection
}

export async function built(table: string) {
  const sql = `DELETE FROM ${table} WHERE archived = true`;
  return pool.query(sql); // expect: sql-injection
}

export function rawWhere(status: string) {
  return db("orders").whereRaw(`status = '${status}'`); // expect: sql-injection
}

export function rawKnex(id: string) {
  return db.raw("SELECT * FROM users WHERE id = " + id); // expect: sql-injection
}

export async function prismaUnsafe(email: string) {
  return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}'`); // expect: sql-injection
}

export async function seq(name: string) {
  return sequelize.query("SELECT * FROM users WHERE name = '".concat(name, "'")); // expect: sql-injection
}

export async function joined(where: string) {
  return pool.query(["SELECT * FROM users WHERE", where].join(" ")); // expect: sql-injection
}

let SCHEMA = process.env.SCHEMA;

export async function fromMutableUpper() {
  return pool.query(`SELECT * FROM ${SCHEMA}.users`); // expect: sql-injection
}

export async function usersNamed(source: import("typeorm").DataSource, name: string) {
  return source
    .getRepository("User")
    .createQueryBuilder("u")
    .where(`u.name = '${name}'`) // expect: sql-injection
    .getMany();
}

export async function usersSorted(source: import("typeorm").DataSource, column: string) {
  const builder = source.getRepository("User").createQueryBuilder("u");
  return builder.orderBy(`u.${column}`).getMany(); // expect: sql-injection
}

export async function sortedByCaller(column: string, allowed: string[]) {
  if (!allowed.includes(column)) throw new Error("bad column");
  return pool.query(`SELECT * FROM users ORDER BY ${column}`); // expect: sql-injection
}

export function sortedByRequest(req: { query: { dir: string } }) {
  // A sort direction read straight from the request, even beside bound identifiers.
  return db.raw(`SELECT * FROM orders ORDER BY ?? ${req.query.dir}`, ["created_at"]); // expect: sql-injection
}

export function valueBesideBindings(status: string, tenant: string) {
  // Bindings for one value do not make another, interpolated as a value, safe.
  return db.raw(`SELECT * FROM orders WHERE status = ? AND tenant = ${tenant}`, [status]); // expect: sql-injection
}

export class TenantStore {
  constructor(private tableName: string) {}

  byTenant(status: string, tenant: string) {
    // The table slot is structure, but the value after it is interpolated too.
    return db.raw(`SELECT * FROM ${this.tableName} WHERE status = ? AND tenant = '${tenant}'`, [status]); // expect: sql-injection
  }
}

export async function insertBesidePlaceholder(id: number, name: string) {
  // The literal text has its own placeholder: the VALUES hole is a value.
  return pool.query(`INSERT INTO users (id, name) VALUES ($1, ${name})`, [id]); // expect: sql-injection
}
