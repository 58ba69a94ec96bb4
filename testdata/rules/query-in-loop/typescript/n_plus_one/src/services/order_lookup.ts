import { Order } from "../models/order";

export async function orderOf(id: number) {
  return Order.findOne({ where: { id } });
}
