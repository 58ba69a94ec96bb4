import { AccountRepository } from "../repositories/accounts";

export class AccountService {
  constructor(private readonly accounts: AccountRepository) {}

  async owners(ids: number[]) {
    const out = [];
    for (const id of ids) {
      out.push(await this.accounts.byId(id)); // expect: query-in-loop
    }
    return out;
  }

  labels(ids: number[]) {
    // ok: a method of the repository that runs no query
    return ids.map((id) => this.accounts.label(id));
  }

  async batched(ids: number[]) {
    // ok: one query for all the ids
    return this.accounts.byIds(ids);
  }
}
