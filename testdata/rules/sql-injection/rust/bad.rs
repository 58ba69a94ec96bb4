use rusqlite::Connection;
use sqlx::{PgPool, Postgres, QueryBuilder};

pub async fn by_email(pool: &PgPool, email: &str) -> sqlx::Result<()> {
    sqlx::query(&format!("SELECT * FROM users WHERE email = '{email}'")) // expect: sql-injection
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn by_name(pool: &PgPool, name: String) -> sqlx::Result<()> {
    let sql = format!("SELECT * FROM users WHERE name = '{}'", name);
    sqlx::query(&sql).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn sorted(pool: &PgPool, column: &str) -> sqlx::Result<()> {
    let mut sql = String::from("SELECT * FROM users ORDER BY ");
    sql.push_str(column);
    sqlx::query_as::<_, (i64,)>(&sql).fetch_all(pool).await?; // expect: sql-injection
    Ok(())
}

pub fn remove(conn: &Connection, table: &str) -> rusqlite::Result<usize> {
    let sql = "DELETE FROM ".to_string() + table;
    conn.execute(&sql, []) // expect: sql-injection
}

pub fn builder(filter: &str) {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT * FROM users WHERE ");
    qb.push(format!("name = '{filter}'")); // expect: sql-injection
}

pub async fn pg(client: &tokio_postgres::Client, id: String) -> Result<(), tokio_postgres::Error> {
    client.query(&format!("SELECT * FROM users WHERE id = {}", id), &[]).await?; // expect: sql-injection
    Ok(())
}

pub fn diesel_raw(org: &str) {
    let _q = diesel::sql_query(format!("SELECT * FROM users WHERE org = '{org}'")); // expect: sql-injection
}

pub async fn escaped_by_a_helper(pool: &PgPool, name: &str) -> sqlx::Result<()> {
    let sql = format!("SELECT * FROM users WHERE name = '{}'", escape(name.trim()));
    sqlx::query(&sql).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn field_of_self(pool: &PgPool, store: &Store) -> sqlx::Result<()> {
    let sql = format!("SELECT * FROM {} WHERE id = 1", store.table.as_str());
    sqlx::query(&sql).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn sorted_unchecked(pool: &PgPool, column: &str) -> sqlx::Result<()> {
    if column.is_empty() {
        return Ok(());
    }
    sqlx::query(&format!("SELECT * FROM users ORDER BY {column}")).execute(pool).await?; // expect: sql-injection
    Ok(())
}

fn sanitize_label(label: &str) -> String {
    label.trim().to_string()
}

pub async fn labelled(pool: &PgPool, label: &str) -> sqlx::Result<()> {
    // Trimming is no quoting: the label still carries quotes into the SQL.
    let clean = sanitize_label(label);
    sqlx::query(&format!("SELECT * FROM items WHERE label = '{clean}'")).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn bound_id_but_inlined_name(pool: &PgPool, id: i64, name: &str) -> sqlx::Result<()> {
    // Binding the id does not protect the name written between quotes.
    let sql = format!("UPDATE users SET name = '{name}' WHERE id = $1");
    let mut query = sqlx::query(&sql); // expect: sql-injection
    query = query.bind(id);
    query.execute(pool).await?;
    Ok(())
}

pub async fn bound_value_and_a_condition(pool: &PgPool, condition: &str, id: i64) -> sqlx::Result<()> {
    // A condition after WHERE is not structure the driver cannot bind.
    sqlx::query(&format!("SELECT * FROM users WHERE {condition} AND id = $1")).bind(id).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn values_beside_a_placeholder(pool: &PgPool, id: i64, name: &str) -> sqlx::Result<()> {
    // The literal text has its own placeholder: the VALUES hole is a value, not generated placeholders.
    let sql = format!("INSERT INTO users (id, name) VALUES ($1, {name})");
    sqlx::query(&sql).bind(id).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn values_without_binding(pool: &PgPool, names: &[String]) -> sqlx::Result<()> {
    // Nothing is bound, so the VALUES list holds the values themselves.
    let sql = format!("INSERT INTO users (name) VALUES ({})", names.join(", "));
    sqlx::query(&sql).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub async fn explained_after_a_condition(pool: &PgPool, name: &str) -> sqlx::Result<()> {
    // Only a hole right after EXPLAIN is a whole statement.
    sqlx::query(&format!("EXPLAIN SELECT * FROM users WHERE name = '{name}'")).fetch_one(pool).await?; // expect: sql-injection
    Ok(())
}

const SORTABLE: [&str; 2] = ["name", "email"];

pub async fn checked_the_wrong_value(pool: &PgPool, column: String, fallback: String) -> sqlx::Result<()> {
    // The allow-list guards `fallback`, not the column the query takes.
    if !SORTABLE.contains(&fallback.as_str()) {
        return Ok(());
    }
    sqlx::query(&format!("SELECT * FROM users ORDER BY {column}")).execute(pool).await?; // expect: sql-injection
    Ok(())
}

pub fn archive(conn: &Connection, prefix: &str, name: &str, keep: u32) -> rusqlite::Result<usize> {
    // A number worked out beside it does not make the table name one.
    let days = keep * 24;
    let sql = format!("DELETE FROM {prefix}logs WHERE owner = '{name}' AND age > {days}");
    conn.execute(&sql, []) // expect: sql-injection
}
