import { Pool } from "pg";

const pool = new Pool();

export class OrdersRepository {
  byId(id: string) {
    return pool.query("SELECT * FROM orders WHERE id = $1", [id]);
  }
}
