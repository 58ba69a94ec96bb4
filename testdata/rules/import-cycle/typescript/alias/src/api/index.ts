import { findUser } from "@app/db"; // expect: import-cycle

export const handler = (id: string) => findUser(id);
