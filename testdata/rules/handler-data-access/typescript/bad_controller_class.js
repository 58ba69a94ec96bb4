import Controller from "./controller.js";

const PATH = "/:projectId/tags";

export default class TagController extends Controller {
  constructor(config, { tagService, db }) {
    super(config);
    this.tagService = tagService;
    this.db = db;
    this.route({
      method: "get",
      path: `${PATH}/:tag`,
      handler: this.getTag,
      permission: "NONE",
    });
    this.route({ method: "post", path: "", handler: this.createTag });
    this.get("/count", this.countTags);
    // ok: a cache look-up with a default value, not a route
    this.cache.get("tags", this.defaultTags);
  }

  async getTag(req, res) { // expect: handler-data-access
    const result = await this.db.raw("SELECT * FROM tags WHERE name = ?", [req.params.tag]);
    res.json(result.rows[0]);
  }

  // ok: a thin handler that delegates to a service
  async createTag(req, res) {
    res.status(201).json(await this.tagService.create(req.body));
  }

  async countTags(_, res) { // expect: handler-data-access
    const result = await this.db.raw("SELECT count(*) AS n FROM tags");
    res.json(result.rows[0]);
  }

  async defaultTags() {
    return this.db.raw("SELECT name FROM tags WHERE is_default");
  }
}
