// ok: a TypeORM repository that escapes its identifiers and composes
// builder subqueries; no value is written into the SQL text.
import { DataSource, Repository } from "typeorm";
import { ScheduledTask, TaskStatus } from "../entities";

export class ScheduledTaskRepository extends Repository<ScheduledTask> {
  private readonly tableName: string;
  private readonly dueColumn: string;
  private readonly prefix = "app_";

  constructor(dataSource: DataSource, tablePrefix: string) {
    super(ScheduledTask, dataSource.manager);
    this.tableName = this.manager.connection.driver.escape(`${tablePrefix}scheduled_task`);
    this.dueColumn = this.manager.connection.driver.escape("dueAt");
  }

  async claimDue(limit: number) {
    // ok: identifiers escaped by the driver in the constructor
    return this.query(
      `UPDATE ${this.tableName} SET "status" = '${TaskStatus.Running}' WHERE ${this.dueColumn} < now() LIMIT $1`,
      [limit],
    );
  }

  async visibleTo(userId: string) {
    const shared = this.manager
      .createQueryBuilder()
      .select("s.taskId")
      .from("shared_task", "s")
      .where("s.userId = :userId", { userId });
    const qb = this.createQueryBuilder("task");
    // ok: the builder's own SQL, its values are named parameters handed over
    qb.where(`task.id IN (${shared.getQuery()})`).setParameters(shared.getParameters());
    // ok: an alias quoted by the builder
    qb.andWhere(`${qb.escape("task")}.${qb.escape("dueAt")} IS NOT NULL`);
    return qb.getMany();
  }

  private table(name: string) {
    return this.manager.connection.driver.escape(`${this.prefix}${name}`);
  }

  async lockWorkflow(id: string) {
    const workflows = this.table("workflow_entity");
    // ok: a table name from a method that escapes it
    return this.query(`SELECT id FROM ${workflows} WHERE id = $1 FOR UPDATE`, [id]);
  }
}
