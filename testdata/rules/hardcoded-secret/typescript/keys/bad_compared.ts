export function login(user: string, pass: string): boolean {
  return user === "admin" && pass === "s3cr3t-Backdoor"; // expect: hardcoded-secret
}
