import { Router } from "express";
import { listInvoices } from "./controllers/invoices";
import { login } from "./controllers/session";
import { customerCount, echoCustomer, showCustomer } from "./controllers/customers";
import * as controllers from "./controllers";

const api = Router();
api.get("/invoices", listInvoices);
api.post("/rest/user/login", login());
api.post("/orders/archive", controllers.archiveOrders);
api.get("/customers/:id", showCustomer);
api.get("/customers/:id/echo", echoCustomer);
api.get("/customers/count", customerCount);

export default api;
