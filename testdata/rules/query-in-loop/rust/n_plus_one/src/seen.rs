use crate::repo;

pub fn mark_all(conn: &rusqlite::Connection, ids: &[i64]) {
    // The closure runs once per id, as a loop's body does.
    ids.iter().for_each(|id| {
        let _ = repo::mark_seen(conn, *id); // expect: query-in-loop
    });
}

pub fn mark_defaults(conn: &rusqlite::Connection) {
    [1, 2, 3].iter().for_each(|id| {
        // ok: three ids written out here: a fixed handful
        let _ = repo::mark_seen(conn, *id);
    });
}
