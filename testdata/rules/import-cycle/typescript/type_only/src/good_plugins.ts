import { Service } from "./good_service";

export const plugin = Service;
