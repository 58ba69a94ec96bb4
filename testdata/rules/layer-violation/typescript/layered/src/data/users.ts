import { getUser } from "../handlers/users"; // expect: layer-violation

export const loadUser = (id: string) => ({ id, via: getUser });
