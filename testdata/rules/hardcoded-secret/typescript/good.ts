// ok: from the environment
const apiKey = process.env.API_KEY;

// ok: from the environment with an empty fallback
const token = process.env.TOKEN ?? "";

// ok: a placeholder
const password = "xxxxxxxx";

// ok: a template with a substitution
const auth = `Bearer ${token}`;

// ok: a form field name
const field = { name: "password", type: "password" };

// ok: describes a secret
const passwordResetPath = "/account/password/reset";
const tokenType = "Bearer";

// ok: a Stripe publishable key is public
const publishable = "pk_live_YlSXpfKtHF4vUCsMehGAkWvj";

// ok: words given to names that say secret: option values, type names,
// translated labels, enum members.
export const request = { credentials: "same-origin", method: "GET" };
export const settingTypes = { stripe_secret_key: "string", members_signup_access: "string" };
export const zh = { password: "密码", token: "令牌" };
export const de = { password: "Passwort" };
export const fi = { notifications_nostr_private_key: "Nostr-yksityisavain", api_token: "API-merki" };

// ok: an OpenAPI schema's example shows what the field holds
export const signupTokenSchema = {
  type: "object",
  properties: { secret: { type: "string" } },
  example: { secret: "a3c84b25409ea8ca1782ef17f94a42fc", name: "Invite viewers" },
};

// ok: the column a table of credentials is keyed by, named in camelCase
export const idColumns = { shared_credentials: "credentialsId", user_secrets: "secretOwnerId" };
