import { AccountRepository } from "../repositories/accounts";

export class AuditService {
  constructor(readonly accounts: AccountRepository, retries: number) {}

  async audit(ids: number[]) {
    for (const id of ids) {
      await this.accounts.byId(id); // expect: query-in-loop
    }
  }
}
