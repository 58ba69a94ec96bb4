const axios = require("axios");
const http = require("http");

async function report(data) {
  await axios({ method: "post", url: "/report", data }); // expect: http-call-without-timeout
}

function health(url) {
  http.get(url, (res) => res.resume()); // expect: http-call-without-timeout
}

const client = axios.create(); // expect: http-call-without-timeout

module.exports = { report, health, client };
