export default class SegmentStore {
  constructor(db) {
    this.db = db;
  }

  async exists(id) {
    // ok: a kebab-case `*-store` module is the data-access layer
    const result = await this.db.raw("SELECT EXISTS(SELECT 1 FROM segments WHERE id = ?) AS present", [id]);
    return result.rows[0].present;
  }
}
