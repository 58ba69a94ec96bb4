import express from "express";
import errorhandler from "errorhandler";
import { ApolloServer } from "@apollo/server";

const app = express();
app.use(errorhandler()); // expect: debug-mode-enabled
app.set("env", "development"); // expect: debug-mode-enabled

export const server = new ApolloServer({
  typeDefs: "",
  includeStacktraceInErrorResponses: true, // expect: debug-mode-enabled
});
