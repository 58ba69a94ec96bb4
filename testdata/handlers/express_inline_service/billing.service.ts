import { Pool } from "pg";

const pool = new Pool();

export default class Billing {
  async charge(orderId: number) {
    return pool.query("UPDATE orders SET paid = true WHERE id = $1", [orderId]);
  }
}
