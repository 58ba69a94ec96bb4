import crypto from "node:crypto";
import { createHash, pbkdf2Sync } from "crypto";
import bcrypt from "bcrypt";
import md5 from "md5";
import CryptoJS from "crypto-js";
import { sha256 } from "js-sha256";

export function register(password: string): string {
  return crypto.createHash("md5").update(password).digest("hex"); // expect: weak-password-hash
}

export function registerSalted(body: { password: string }, salt: string): string {
  // expect: weak-password-hash
  return createHash("sha256")
    .update(salt)
    .update(body.password)
    .digest("hex");
}

export async function storeUser(user: User, input: string): Promise<void> {
  user.passwordHash = crypto.createHash("sha1").update(input).digest("hex"); // expect: weak-password-hash
}

export function inSteps(newPassword: string): string {
  const hash = crypto.createHash("sha512"); // expect: weak-password-hash
  hash.update(newPassword);
  return hash.digest("hex");
}

export function packages(pwd: string, userPass: string, passphrase: string) {
  const a = md5(pwd); // expect: weak-password-hash
  const b = CryptoJS.SHA256(userPass).toString(); // expect: weak-password-hash
  const c = sha256(passphrase); // expect: weak-password-hash
  return [a, b, c];
}

export async function weakBcrypt(password: string) {
  const one = await bcrypt.hash(password, 8); // expect: weak-password-hash
  const salt = bcrypt.genSaltSync(5); // expect: weak-password-hash
  return [one, salt];
}

export function weakPbkdf2(password: string, salt: Buffer) {
  return pbkdf2Sync(password, salt, 1000, 64, "sha512"); // expect: weak-password-hash
}

interface User {
  passwordHash: string;
}
