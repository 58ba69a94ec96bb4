import AWS from "aws-sdk";

// ok: read from the environment
export const credentials = new AWS.Credentials(process.env.AWS_KEY_ID ?? "", process.env.AWS_SECRET ?? "");

class Credentials {
  constructor(readonly user: string, readonly realm: string) {}
}

// ok: a project class of the same name, not the SDK's
export const guest = new Credentials("guest", "public-realm");
