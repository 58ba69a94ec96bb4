import { Pool } from "pg";

const pool = new Pool();

export class ReportsService {
  daily() {
    return pool.query("SELECT count(*) FROM orders WHERE created_at > now() - interval '1 day'");
  }
}
