import { loadUser } from "./users"; // expect: import-cycle

export function recentOrders(id: string) {
  return [loadUser(id)];
}
