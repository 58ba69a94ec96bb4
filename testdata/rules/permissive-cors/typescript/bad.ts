import express from "express";
import cors from "cors";
import Fastify from "fastify";
import fastifyCors from "@fastify/cors";
import { NestFactory } from "@nestjs/core";

const app = express();
app.use(cors({ origin: "*", credentials: true })); // expect: permissive-cors
app.use(
  cors({
    origin: true, // expect: permissive-cors
    credentials: true,
  }),
);
app.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true })); // expect: permissive-cors

const fastify = Fastify();
fastify.register(fastifyCors, { origin: /.*/, credentials: true }); // expect: permissive-cors

export async function bootstrap(AppModule: unknown) {
  const nest = await NestFactory.create(AppModule, { cors: { origin: true, credentials: true } }); // expect: permissive-cors
  nest.enableCors({ origin: "*", credentials: true }); // expect: permissive-cors
}

app.use((req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? ""); // expect: permissive-cors
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

const corsOptions = {
  origin: true, // expect: permissive-cors
  credentials: true,
};
app.use(cors(corsOptions));

app.use((req, res, next) => {
  res.header("Access-Control-Allow-Origin", req.headers.origin); // expect: permissive-cors
  res.header("Access-Control-Allow-Credentials", true as any);
  next();
});
