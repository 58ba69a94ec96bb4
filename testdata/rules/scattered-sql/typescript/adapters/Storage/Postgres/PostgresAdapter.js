// The storage adapter for Postgres: a `Storage/` folder, in any case, is part of
// the data-access layer.
const { Pool } = require("pg");

class PostgresAdapter {
  constructor(uri) {
    this.pool = new Pool({ connectionString: uri });
    this.collectionPrefix = "";
  }

  toPostgresType(type) {
    switch (type) {
      case "String":
        return "text";
      case "Number":
        return "double precision";
      default:
        return "jsonb";
    }
  }

  className(name) {
    return `${this.collectionPrefix}${name}`;
  }

  fieldNames(schema) {
    return Object.keys(schema.fields).filter((name) => name !== "ACL");
  }

  async deleteClass(name) {
    // ok: SQL in the data-access layer
    await this.pool.query('DELETE FROM "_SCHEMA" WHERE "className" = $1', [name]);
  }
}

module.exports = { PostgresAdapter };
