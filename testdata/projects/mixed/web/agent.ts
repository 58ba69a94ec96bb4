import https from "node:https";

// Columns are counted in UTF-16 units: the comment inside the call holds multi-byte characters.
export const agent = new https.Agent({ keepAlive: true /* Ünï 😀 */, rejectUnauthorized: false });
