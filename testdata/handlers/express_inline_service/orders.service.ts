import { Pool } from "pg";

const pool = new Pool();

export class OrderService {
  async find(id: number) {
    return pool.query("SELECT id, total FROM orders WHERE id = $1", [id]);
  }
}
