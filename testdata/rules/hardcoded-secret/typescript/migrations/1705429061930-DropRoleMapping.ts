// ok: a migration's maps of table and column names, keyed by table
const idColumns = {
  user: "id",
  shared_credentials: "credentialsId",
};
const foreignKeySuffixes = {
  shared_credentials: "c68e056637562000b68f480815a",
};

export class DropRoleMapping1705429061930 {
  async up(queryRunner: { query(sql: string): Promise<void> }) {
    for (const [table, column] of Object.entries(idColumns)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "FK_${foreignKeySuffixes[table as "shared_credentials"]}_${column}"`);
    }
  }
}

// A key in a known credential format is reported in a migration too.
export const seededKey = "AKIAIOSFODNN7EXAMPLF"; // expect: hardcoded-secret
