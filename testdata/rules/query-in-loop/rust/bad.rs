use rusqlite::Connection;
use sqlx::PgPool;

pub async fn users(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    for id in ids {
        sqlx::query("SELECT * FROM users WHERE id = $1").bind(id).fetch_one(pool).await?; // expect: query-in-loop
    }
    Ok(())
}

pub fn names(conn: &Connection, ids: &[i64]) {
    ids.iter().for_each(|id| {
        conn.query_row("SELECT name FROM users WHERE id = ?1", [id], |r| r.get::<_, String>(0)).ok(); // expect: query-in-loop
    });
}

async fn load_user(pool: &PgPool, id: i64) -> sqlx::Result<(i64,)> {
    sqlx::query_as("SELECT id FROM users WHERE id = $1").bind(id).fetch_one(pool).await
}

pub async fn through_helper(pool: &PgPool, ids: Vec<i64>) -> sqlx::Result<()> {
    let mut i = 0;
    while i < ids.len() {
        load_user(pool, ids[i]).await?; // expect: query-in-loop
        i += 1;
    }
    Ok(())
}

pub async fn macro_query(pool: &PgPool, ids: Vec<i64>) {
    for id in &ids {
        let _ = sqlx::query!("SELECT 1 AS one WHERE $1 > 0", id).fetch_one(pool).await; // expect: query-in-loop
    }
}


// Draining the whole queue at once yields its items one by one.
pub async fn drain_all(pool: &PgPool, mut queue: Vec<i64>) -> sqlx::Result<()> {
    while !queue.is_empty() {
        for id in queue.drain(..) {
            sqlx::query("DELETE FROM events WHERE id = $1").bind(id).execute(pool).await?; // expect: query-in-loop
        }
    }
    Ok(())
}

// The loop runs when the look-up succeeded: every id is then queried one by one.
pub async fn after_check(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    match sqlx::query("SELECT 1").execute(pool).await {
        Ok(_) => {
            for id in ids {
                sqlx::query("DELETE FROM events WHERE id = $1").bind(id).execute(pool).await?; // expect: query-in-loop
            }
        }
        Err(error) => return Err(error),
    }
    Ok(())
}

pub async fn by_formatted_id(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    for id in ids {
        // The item fills a value of the same statement: one query per id.
        let sql = format!("SELECT * FROM users WHERE id = {id}");
        sqlx::query(&sql).fetch_one(pool).await?; // expect: query-in-loop
    }
    Ok(())
}

pub async fn checked_out(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    for id in ids {
        // The connection is checked out per item from the same pool: still one query per id.
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT * FROM users WHERE id = $1").bind(id).fetch_one(&mut *conn).await?; // expect: query-in-loop
    }
    Ok(())
}

pub async fn owners(pool: &PgPool, ids: &[i64]) -> sqlx::Result<()> {
    for id in ids {
        // `db_user` holds a user, not a database.
        let db_user: (i64,) = sqlx::query_as("SELECT owner FROM items WHERE id = $1").bind(id).fetch_one(pool).await?; // expect: query-in-loop
        let _ = db_user;
    }
    Ok(())
}
