import { Router } from "express";
import { listInvoices } from "./controllers/invoices";

const api = Router();
api.get("/invoices", listInvoices);

export default api;
