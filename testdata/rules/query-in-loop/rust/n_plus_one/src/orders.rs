use sqlx::PgPool;

use crate::repo::items_for;

pub async fn per_user(pool: &PgPool, user_ids: Vec<i64>) -> sqlx::Result<Vec<usize>> {
    let mut counts = Vec::new();
    let mut ids = user_ids.into_iter();
    while let Some(id) = ids.next() {
        counts.push(items_for(pool, id).await?.len()); // expect: query-in-loop
    }
    Ok(counts)
}
