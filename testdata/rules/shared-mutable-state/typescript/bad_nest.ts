import { Controller, Post, Body } from "@nestjs/common";

const subscribers: string[] = [];

@Controller("newsletter")
export class NewsletterController {
  @Post()
  subscribe(@Body() body: { email: string }) {
    subscribers.push(body.email); // expect: shared-mutable-state
    return { count: subscribers.length };
  }
}
