import { Pool } from "pg";

// A business class handed its pool: it does not own the connection, and its
// SQL sits among pricing rules.
export class InvoiceService {
  constructor(private pool: Pool) {}

  async overdueFees() {
    const result = await this.pool.query("SELECT id, total, due_at FROM invoices WHERE due_at < now()"); // expect: scattered-sql
    return result.rows.map((row) => this.lateFee(row.total, row.due_at));
  }

  lateFee(total: number, dueAt: Date) {
    const daysLate = (Date.now() - dueAt.getTime()) / 86_400_000;
    return daysLate > 30 ? Math.round(total * 0.05) : 0;
  }

  discount(total: number, loyal: boolean) {
    return loyal ? total * 0.1 : 0;
  }

  label(total: number) {
    return `${total.toFixed(2)} EUR`;
  }
}
