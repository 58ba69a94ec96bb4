import { recentOrders } from "./orders.js";

export function loadUser(id: string) {
  return { id, orders: recentOrders };
}
