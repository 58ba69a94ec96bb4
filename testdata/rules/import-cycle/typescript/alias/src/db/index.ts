export { handler } from "@app/api";

export function findUser(id: string) {
  return { id };
}
