import { BadRequestException, Body, Controller, Post } from "@nestjs/common";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

@Controller("invoices")
export class InvoicesController {
  @Post()
  async create(@Body() body: { lines: { amount: number }[] }) { // expect: fat-handler
    if (body.lines.length === 0) {
      throw new BadRequestException("no lines");
    }
    let sum = 0;
    for (const line of body.lines) {
      if (line.amount > 0) {
        sum += line.amount;
      }
    }
    return prisma.invoice.create({ data: { sum } });
  }
}
