use sqlx::PgPool;

use crate::probes::{self, Spec};

pub async fn gateway(pool: &PgPool) -> sqlx::Result<usize> {
    probes::probe_all(pool, &[Spec { table: "public.clients" }, Spec { table: "public.keys" }]).await
}

pub async fn storage(pool: &PgPool) -> sqlx::Result<usize> {
    probes::probe_all(pool, &[Spec { table: "athena.s3" }, Spec { table: "athena.buckets" }]).await
}

pub async fn fixed(pool: &PgPool) -> sqlx::Result<usize> {
    probes::probe_each(pool, &["a".to_string(), "b".to_string()]).await
}

pub async fn listed(pool: &PgPool, tables: Vec<String>) -> sqlx::Result<usize> {
    probes::probe_each(pool, &tables).await
}

pub async fn shadowed(pool: &PgPool) -> sqlx::Result<usize> {
    probes::probe_shadowed(pool, &["clients", "keys"]).await
}
