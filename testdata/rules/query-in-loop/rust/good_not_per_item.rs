// ok: loops that do not run once per item of data.
use sqlx::PgPool;

const TABLES: &[&str] = &["sessions", "tokens"];

// A wait: re-read one row after each notification, until it is ready.
pub async fn wait_ready(pool: &PgPool, id: i64, notify: &tokio::sync::Notify) -> sqlx::Result<()> {
    loop {
        let ready: bool = sqlx::query_scalar("SELECT ready FROM jobs WHERE id = $1").bind(id).fetch_one(pool).await?;
        if ready {
            return Ok(());
        }
        notify.notified().await;
    }
}

// A fixed handful: one statement per table of a constant list.
pub async fn purge(pool: &PgPool) -> sqlx::Result<()> {
    for table in TABLES {
        sqlx::query(&format!("DELETE FROM {table}")).execute(pool).await?;
    }
    Ok(())
}

// Batches: each query takes a whole chunk.
pub async fn archive(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    for chunk in ids.chunks(500) {
        sqlx::query("UPDATE posts SET archived = true WHERE id = ANY($1)").bind(chunk).execute(pool).await?;
    }
    Ok(())
}

// A query builder's push only appends SQL text: nothing runs in the loop.
pub async fn by_tags(pool: &PgPool, tags: &[String]) -> sqlx::Result<()> {
    let mut query = sqlx::QueryBuilder::<sqlx::Postgres>::new("SELECT id FROM events WHERE tag IN (");
    let mut separated = query.separated(", ");
    for tag in tags {
        separated.push_bind(tag);
    }
    query.push(")");
    for tag in tags {
        query.push(" OR tag = ").push_bind(tag);
    }
    query.build().fetch_all(pool).await?;
    Ok(())
}

const PROVISION_SQL: &str = "CREATE TABLE a (id int); CREATE TABLE b (id int)";

fn split_statements(sql: &str) -> Vec<&str> {
    sql.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

// ok: the statements of a script the code carries, a fixed handful.
pub async fn provision(pool: &PgPool) -> sqlx::Result<()> {
    let statements = split_statements(PROVISION_SQL);
    for (index, statement) in statements.iter().enumerate() {
        sqlx::query(statement).execute(pool).await?;
        let _ = index;
    }
    for statement in include_str!("seed.sql").split(';') {
        sqlx::query(statement).execute(pool).await?;
    }
    Ok(())
}

// ok: each round drains a chunk off the front of the queue and inserts it in one statement.
pub async fn flush_queue(pool: &PgPool, mut queue: Vec<String>) -> sqlx::Result<()> {
    while !queue.is_empty() {
        let take = queue.len().min(500);
        let chunk: Vec<String> = queue.drain(..take).collect();
        sqlx::query("INSERT INTO events (name) SELECT * FROM UNNEST($1::text[])").bind(&chunk).execute(pool).await?;
    }
    Ok(())
}

// ok: a retry, at most three attempts.
pub async fn claim(pool: &PgPool) -> sqlx::Result<()> {
    let mut attempts = 0;
    while attempts < 3 {
        attempts += 1;
        if sqlx::query("UPDATE jobs SET claimed = true WHERE id = 1").execute(pool).await.is_ok() {
            return Ok(());
        }
    }
    Ok(())
}

// ok: the per-row writes run only when the bulk insert failed, to keep the rows that are valid
pub async fn store_events(pool: &PgPool, names: &[String]) -> sqlx::Result<()> {
    if let Err(error) = sqlx::query("INSERT INTO events (name) SELECT * FROM UNNEST($1::text[])").bind(names).execute(pool).await {
        eprintln!("bulk insert failed: {error}");
        for name in names {
            let _ = sqlx::query("INSERT INTO events (name) VALUES ($1)").bind(name).execute(pool).await;
        }
    }
    Ok(())
}

// Each iteration runs a different statement, handed in by the caller.
pub async fn run_statements(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>, statements: &[String]) -> sqlx::Result<()> {
    for statement in statements {
        sqlx::query(statement).execute(&mut **tx).await?;
    }
    Ok(())
}

// Each iteration plans a different sampled statement.
pub async fn plan_costs(pool: &PgPool, samples: &[String]) -> sqlx::Result<usize> {
    let mut plans = 0;
    for sample in samples {
        let explain = format!("EXPLAIN (FORMAT JSON) {sample}");
        sqlx::query(&explain).fetch_one(pool).await?;
        plans += 1;
    }
    Ok(plans)
}

fn statements_of(script: &str) -> Vec<&str> {
    script.split(';').collect()
}

// The statements of a script received at run time: each iteration runs a
// different statement, not the same one per row.
pub async fn run_script(pool: &PgPool, script: &str) -> sqlx::Result<()> {
    for statement in statements_of(script) {
        sqlx::query(statement).execute(pool).await?;
    }
    Ok(())
}

pub struct Registry;

impl Registry {
    pub fn pool_for(&self, _client: &str) -> Option<PgPool> {
        None
    }
}

// Over databases: each registered client's own pool, one catalog query and
// one snapshot row per database.
pub async fn vacuum_stats(registry: &Registry, logging: &PgPool, clients: &[String]) -> sqlx::Result<()> {
    for client in clients {
        let Some(tenant_pool) = registry.pool_for(client) else { continue };
        let dead: i64 = sqlx::query_scalar("SELECT sum(n_dead_tup) FROM pg_stat_user_tables").fetch_one(&tenant_pool).await?;
        sqlx::query("INSERT INTO vacuum_snapshots (client, dead) VALUES ($1, $2)")
            .bind(client)
            .bind(dead)
            .execute(logging)
            .await?;
    }
    Ok(())
}

// A poll: re-read one row every second until the job leaves the queue.
pub async fn wait_until_started(pool: &PgPool, id: i64) -> sqlx::Result<()> {
    let mut state = String::from("queued");
    while state == "queued" {
        state = sqlx::query_scalar("SELECT state FROM jobs WHERE id = $1").bind(id).fetch_one(pool).await?;
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    Ok(())
}
