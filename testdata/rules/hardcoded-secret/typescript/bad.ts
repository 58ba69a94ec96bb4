export const stripe = new Stripe("sk_live_YlSXpfKtHF4vUCsMehGAkWvj"); // expect: hardcoded-secret

const slackToken = "xoxb-760189555979-7114710497465-b8DwkNhFdnXsiVpzz63FfkCz"; // expect: hardcoded-secret

export const oauth = {
  clientId: "shop-web",
  clientSecret: "YrEqmSM9wCZ7Uw9x", // expect: hardcoded-secret
};

class Mailer {
  private apiKey = "c1d190409a95cd609f74c686cffeae8e95eeaade"; // expect: hardcoded-secret
}

process.env.DB_PASSWORD = "q8Zr!pL2vWx"; // expect: hardcoded-secret

export const maps = `https://maps.example.net/js?key=AIzaJr3J1TWDtkwtDDb_xHKas1VOqg6YYZYn9Zh`; // expect: hardcoded-secret

export const redisUrl = "redis://:s3cr3tPa55@cache.prod.example.net:6379"; // expect: hardcoded-secret

export const inviteDefaults = {
  // A default the server uses is a credential, even beside an example.
  secret: "a3c84b25409ea8ca1782ef17f94a42fc", // expect: hardcoded-secret
  example: { name: "Invite viewers" },
};
