export async function up(knex) {
  try {
    await knex("comments").insert(await knex("activity").select("*"));
  } catch {} // expect: swallowed-exception
}

export async function down(knex) {
  try {
    await knex.schema.dropTable("comments_backup");
    await knex("comments").delete();
  } catch {} // expect: swallowed-exception
}
