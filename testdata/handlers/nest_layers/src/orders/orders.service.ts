import { Pool } from "pg";
import { OrdersRepository } from "./orders.repository";

const pool = new Pool();

export class OrdersService {
  private repo = new OrdersRepository();

  findOne(id: string) {
    return this.repo.byId(id);
  }

  label() {
    return "order";
  }
}
