import express from "express";
import errorhandler from "errorhandler";
import { ApolloServer } from "@apollo/server";

const app = express();

// ok: only in development
if (process.env.NODE_ENV === "development") {
  app.use(errorhandler());
}

// ok: guarded by the environment check in an expression
process.env.NODE_ENV !== "production" && app.use(errorhandler());

// ok: stack traces from the environment
export const server = new ApolloServer({
  typeDefs: "",
  includeStacktraceInErrorResponses: process.env.NODE_ENV !== "production",
});

// ok: an unrelated setting
app.set("trust proxy", true);

// ok: a Map entry, not Express settings
const flags = new Map<string, string>();
flags.set("env", "development");
