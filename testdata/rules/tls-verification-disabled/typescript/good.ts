import https from "node:https";
import fs from "node:fs";

// ok: verification on, with a private CA
export const agent = new https.Agent({ ca: fs.readFileSync("ca.pem"), rejectUnauthorized: true });

// ok: the setting comes from configuration, not a literal
export const configured = new https.Agent({ rejectUnauthorized: process.env.TLS_STRICT !== "false" });

// ok: turning the check back on
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";

// ok: reading the variable is not setting it
export const strict = process.env.NODE_TLS_REJECT_UNAUTHORIZED !== "0";

// ok: prose in a string
export const help = "Do not set rejectUnauthorized: false in production";

// ok: a checkServerIdentity that really checks
export const pinned = https.request({
  host: "api.example.com",
  checkServerIdentity: (host: string, cert: { fingerprint256: string }) => {
    if (cert.fingerprint256 !== process.env.PIN) {
      return new Error(`certificate of ${host} is not pinned`);
    }
    return undefined;
  },
});

// ok: an unrelated option that happens to be false
export const options = { rejectUnknown: false, strict: false };

const VERIFY_PEERS = true;

// ok: a constant that keeps verification on
export const viaConstant = new https.Agent({ rejectUnauthorized: VERIFY_PEERS });

// ok: a value read from configuration, not a literal
export function agentFor(config: { strictTls: boolean }) {
  const strict = config.strictTls;
  return new https.Agent({ rejectUnauthorized: strict });
}
