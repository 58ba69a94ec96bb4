export async function up(knex) {
  // ok: dropping a constraint that an older install may not have; its only failure is that it is gone already
  try {
    await knex.schema.alterTable("comments", (table) => {
      table.dropForeign("collection");
    });
  } catch {}
  await knex.schema.alterTable("comments", (table) => {
    table.foreign("collection").references("collections.id");
  });
}
