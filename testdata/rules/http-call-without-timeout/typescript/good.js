const axios = require("axios");

// ok: config spread from elsewhere may hold the timeout
axios.get("/orders", { ...defaults });

// ok: a config variable
axios.request(config);

// ok: instance created with a timeout
const client = axios.create({ timeout: 3000 });
client.delete("/sessions/1");
