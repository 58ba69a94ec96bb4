import { Controller, Get, Post, Param } from "@nestjs/common";
import { OrdersService } from "./orders.service";
import { ReportsService } from "./reports.service";

@Controller("orders")
export class OrdersController {
  constructor(private readonly ordersService: OrdersService) {}

  @Get(":id")
  findOne(@Param("id") id: string) {
    return this.ordersService.findOne(id);
  }

  // A service method that does no I/O: the flow stops at the handler.
  @Post()
  create() {
    return this.ordersService.label();
  }

  @Get()
  report() {
    const reports = new ReportsService();
    return reports.daily();
  }
}
