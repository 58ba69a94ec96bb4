export class DependentFeaturesReadModel {
  constructor(db) {
    this.db = db;
  }

  async hasAnyDependencies() {
    // ok: a read model is the query side of the data-access layer
    const result = await this.db.raw("SELECT EXISTS (SELECT 1 FROM dependent_features) AS present");
    return result.rows[0].present;
  }
}
