// ok: a datasource connector that opens its own pool is the database's
// client: its schema look-up belongs with it, among methods that do not query.
import sqlServer from "mssql";

export class SqlServerConnector {
  private client?: sqlServer.ConnectionPool;
  private readonly TABLES_SQL = "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'";

  constructor(private config: sqlServer.config) {}

  async connect() {
    this.client = await new sqlServer.ConnectionPool(this.config).connect();
  }

  async tableNames(): Promise<string[]> {
    await this.connect();
    const result = await this.client!.query(this.TABLES_SQL);
    return result.recordset.map((row: { TABLE_NAME: string }) => row.TABLE_NAME);
  }

  describe() {
    return `SQL Server at ${this.config.server}`;
  }

  isConfigured() {
    return Boolean(this.config.server && this.config.database);
  }

  displayName(table: string) {
    return table.replace(/_/g, " ");
  }
}

export function label(kind: string) {
  return `${kind} connector`;
}
