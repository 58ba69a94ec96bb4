import { AccountRepository } from "../repositories/accounts";

export class LedgerService {
  private store;

  constructor(store: AccountRepository) {
    this.store = store;
  }

  async owners(ids: number[]) {
    for (const id of ids) {
      await this.store.byId(id); // expect: query-in-loop
    }
  }
}
