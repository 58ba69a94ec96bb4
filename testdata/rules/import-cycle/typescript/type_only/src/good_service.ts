import { Model } from "./good_models";

export interface Repo {
  load(): Model;
}
export class Service {
  model = new Model();
  async plugins() {
    // ok: a dynamic import() is lazy
    return import("./good_plugins");
  }
}
