// ok: a package import is not a project module
import { Pool } from "pg";

export const loadUser = (id: string) => ({ id, pool: Pool });
