use sqlx::PgPool;

use crate::format;
use crate::repo;
use crate::repo::items_for_all;

pub async fn totals(pool: &PgPool, user_ids: &[i64]) -> sqlx::Result<usize> {
    let mut total = 0;
    for id in user_ids {
        total += repo::items_for(pool, *id).await?.len(); // expect: query-in-loop
    }
    Ok(total)
}

pub async fn batched(pool: &PgPool, user_ids: &[i64]) -> sqlx::Result<Vec<String>> {
    // ok: one batched query outside the loop
    let rows = items_for_all(pool, user_ids).await?;
    let mut out = Vec::new();
    for (id, name) in &rows {
        // ok: a pure helper from another module
        out.push(format::label(*id, name));
    }
    Ok(out)
}

pub async fn pools(registry: &repo::Registry, catalog: &PgPool, names: &[String]) -> sqlx::Result<usize> {
    let mut found = 0;
    for name in names {
        // ok: pool_for answers from the registry first and queries the catalog only on a miss
        found += repo::pool_for(registry, catalog, name).await?.size() as usize;
    }
    Ok(found)
}
