import { Router } from "express";
import { listInvoices } from "./controllers/invoices";
import { login } from "./controllers/session";

const api = Router();
api.get("/invoices", listInvoices);
api.post("/rest/user/login", login());

export default api;
