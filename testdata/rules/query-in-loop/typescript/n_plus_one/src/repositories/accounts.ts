import { Pool } from "pg";

const pool = new Pool();

export class AccountRepository {
  async byId(id: number) {
    return pool.query("SELECT * FROM accounts WHERE id = $1", [id]);
  }

  async byIds(ids: number[]) {
    return pool.query("SELECT * FROM accounts WHERE id = ANY($1)", [ids]);
  }

  label(id: number) {
    return `account #${id}`;
  }
}
