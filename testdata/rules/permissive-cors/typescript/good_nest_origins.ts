import { NestFactory } from "@nestjs/core";

import { AppModule } from "./app.module";

export async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  // ok: the origins are listed
  app.enableCors({ origin: ["https://app.example.com"] });
  await app.listen(3000);
}
