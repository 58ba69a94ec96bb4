import { Controller, Get, Post } from "@nestjs/common";
import { Client } from "pg";
import mongoose from "mongoose";

@Controller("accounts")
export class AccountsController {
  @Get(":id")
  async findOne() {
    const client = new Client(); // expect: connection-per-request
    await client.connect();
    return client.query("SELECT 1");
  }

  @Post()
  async create() {
    await mongoose.connect(process.env.MONGO_URL); // expect: connection-per-request
    return {};
  }
}
