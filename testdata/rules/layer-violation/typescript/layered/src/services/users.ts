import { loadUser } from "../data/users";

export const findUser = (id: string) => loadUser(id);
