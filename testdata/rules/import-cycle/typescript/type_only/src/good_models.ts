// ok: a type-only import never forms a cycle
import type { Service } from "./good_service";
// ok: every named import is a type
import { type Repo } from "./good_service";

export class Model {
  owner?: Service;
  repo?: Repo;
}
