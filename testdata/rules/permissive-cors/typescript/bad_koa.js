const Koa = require("koa");
const cors = require("@koa/cors");

const app = new Koa();
// @koa/cors reflects the request's origin by default
app.use(cors({ credentials: true })); // expect: permissive-cors

app.use(async (ctx, next) => {
  const { origin } = ctx.request.headers;
  ctx.set("Access-Control-Allow-Origin", origin); // expect: permissive-cors
  ctx.set("Access-Control-Allow-Credentials", "true");
  await next();
});
