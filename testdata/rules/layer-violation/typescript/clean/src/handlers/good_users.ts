// ok: handlers may use the data layer below them
import { loadUser } from "../data/good_users";

export const getUser = (id: string) => loadUser(id);
