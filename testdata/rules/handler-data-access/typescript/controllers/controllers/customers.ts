import type { Request, Response } from "express";
import { Customer } from "../models/customer";
import * as models from "../models/customer";

export async function showCustomer(req: Request, res: Response) { // expect: handler-data-access
  res.json(await Customer.findByPk(req.params.id));
}

// ok: routed too, but only builds a response from the request
export async function echoCustomer(req: Request, res: Response) {
  res.json({ id: req.params.id });
}

export async function customerCount(req: Request, res: Response) { // expect: handler-data-access
  res.json({ count: await models.Customer.count() });
}
