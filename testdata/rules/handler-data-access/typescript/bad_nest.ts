import { Controller, Get, Param } from "@nestjs/common";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

@Controller("cats")
export class CatsController {
  @Get(":id")
  findOne(@Param("id") id: string) { // expect: handler-data-access
    return prisma.cat.findUnique({ where: { id } });
  }
}
