import express from "express";

import api from "./api";

const app = express();
app.use("/v1", require("./routes"));
app.use("/api", api);
app.listen(3000);
