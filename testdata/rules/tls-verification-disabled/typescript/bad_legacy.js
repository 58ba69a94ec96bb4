const request = require("request");
const tls = require("tls");

request({ url: process.env.URL, strictSSL: false }); // expect: tls-verification-disabled

const socket = tls.connect(443, process.env.HOST, {
  rejectUnauthorized: false, // expect: tls-verification-disabled
  checkServerIdentity() {},
});

process.env.NODE_TLS_REJECT_UNAUTHORIZED = 0; // expect: tls-verification-disabled

module.exports = { socket };
