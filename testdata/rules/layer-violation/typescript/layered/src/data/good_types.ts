// ok: a type-only import is not checked
import type { getUser } from "../handlers/users";

export type Getter = typeof getUser;
