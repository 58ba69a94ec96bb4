use sqlx::PgPool;

pub struct Spec {
    pub table: &'static str,
}

async fn exists(pool: &PgPool, table: &str) -> sqlx::Result<bool> {
    let row: (Option<String>,) = sqlx::query_as("SELECT to_regclass($1)::text").bind(table).fetch_one(pool).await?;
    Ok(row.0.is_some())
}

/// Every caller hands a written-out list of specs.
pub async fn probe_all(pool: &PgPool, specs: &[Spec]) -> sqlx::Result<usize> {
    let mut found = 0;
    for spec in specs {
        // ok: both callers hand `&[..]` of two specs: a fixed handful
        found += exists(pool, spec.table).await? as usize;
    }
    Ok(found)
}

/// One caller hands a list it was given.
pub async fn probe_each(pool: &PgPool, tables: &[String]) -> sqlx::Result<usize> {
    let mut found = 0;
    for table in tables {
        found += exists(pool, table).await? as usize; // expect: query-in-loop
    }
    Ok(found)
}

/// Nobody in the project calls it.
pub async fn probe_unused(pool: &PgPool, tables: &[String]) -> sqlx::Result<usize> {
    let mut found = 0;
    for table in tables {
        found += exists(pool, table).await? as usize; // expect: query-in-loop
    }
    Ok(found)
}

/// Its caller hands a written-out list, but the loop runs over another
/// binding of the name.
pub async fn probe_shadowed(pool: &PgPool, tables: &[&str]) -> sqlx::Result<usize> {
    let tables: Vec<String> = tables.iter().map(|t| format!("public.{t}")).chain(listed_tables(pool).await?).collect();
    let mut found = 0;
    for table in &tables {
        found += exists(pool, table).await? as usize; // expect: query-in-loop
    }
    Ok(found)
}

async fn listed_tables(pool: &PgPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT tablename FROM pg_tables").fetch_all(pool).await
}
