export { Order } from "./order";
export { Lookup } from "./lookup";
