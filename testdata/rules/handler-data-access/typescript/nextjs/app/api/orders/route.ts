import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function GET() { // expect: handler-data-access
  return Response.json(await prisma.order.findMany());
}
