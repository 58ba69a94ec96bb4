export { archiveOrders } from "./archive";
