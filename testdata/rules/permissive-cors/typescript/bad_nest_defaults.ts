import { NestFactory } from "@nestjs/core";

import { AppModule } from "./app.module";

export async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: true }); // expect: permissive-cors
  await app.listen(3000);
}

export async function bootstrapAdmin() {
  const admin = await NestFactory.create(AppModule);
  admin.enableCors(); // expect: permissive-cors
  await admin.listen(3001);
}
