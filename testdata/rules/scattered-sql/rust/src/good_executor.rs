use sqlx::PgPool;

pub struct Prepared {
    pub sql: String,
}

pub async fn execute_prepared(pool: &PgPool, query: &Prepared) -> sqlx::Result<u64> {
    // ok: an executor runs SQL written elsewhere; it names no table itself
    Ok(sqlx::query(&query.sql).execute(pool).await?.rows_affected())
}

pub async fn list_databases(pool: &PgPool) -> sqlx::Result<Vec<(String,)>> {
    // ok: a look-up in the database's own catalog, not the application's tables
    sqlx::query_as("SELECT datname FROM pg_database WHERE NOT datistemplate").fetch_all(pool).await
}

pub fn greeting(name: &str) -> String {
    format!("hello {name}")
}

pub fn farewell(name: &str) -> String {
    format!("goodbye {name}")
}

pub fn shout(text: &str) -> String {
    text.to_uppercase()
}
