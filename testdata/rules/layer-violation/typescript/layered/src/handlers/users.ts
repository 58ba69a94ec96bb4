import { findUser } from "../services/users";

export const getUser = (id: string) => findUser(id);
