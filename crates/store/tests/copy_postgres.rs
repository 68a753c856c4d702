//! Copying between SQLite and PostgreSQL: rows, ids and storage classes
//! survive the round trip, and PostgreSQL hands out fresh ids afterwards.

use policyscope_store::copy::{copy_database, tables_with_rows};
use policyscope_store::{migrate, params, Connection, Value};

const STEPS: &[&str] = &["
    CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT NOT NULL, score REAL, raw BLOB,
                            previous_version INTEGER REFERENCES documents(id),
                            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
    CREATE TABLE passages (doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
                           start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;"];

fn project(conn: Connection) -> Connection {
    migrate::apply(&conn, "t", STEPS).unwrap().unwrap();
    conn
}

fn all_rows(conn: &Connection) -> Vec<Vec<Value>> {
    let mut out = Vec::new();
    for sql in [
        "SELECT id, title, score, raw, previous_version, at FROM documents ORDER BY id",
        "SELECT doc_id, idx, start, end, NULL, NULL FROM passages ORDER BY doc_id, idx",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt
            .query_map([], |r| {
                (0..6).map(|i| r.get::<_, Value>(i)).collect::<policyscope_store::Result<Vec<_>>>()
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn sqlite_to_postgres_and_back_keeps_every_value_and_id() {
    let source = project(Connection::open_in_memory().unwrap());
    for id in [5i64, 3, 900] {
        source
            .execute(
                "INSERT INTO documents (id, title, score, raw) VALUES (?1, ?2, ?3, ?4)",
                params![
                    id,
                    format!("《标准化法》{id}"),
                    id as f64 / 3.0,
                    (id == 3).then(|| vec![0u8, 159, 255])
                ],
            )
            .unwrap();
    }
    // An older version pointing at a newer id: filled after every row is in.
    source.execute("UPDATE documents SET previous_version = 900 WHERE id = 3", []).unwrap();
    for idx in 0..700i64 {
        source.execute("INSERT INTO passages VALUES (5, ?1, ?2, ?3)", [idx, idx * 2, idx * 2 + 1]).unwrap();
    }
    let server =
        project(Connection::connect_postgres(&policyscope_testkit::fresh_postgres_database()).unwrap());
    let summary = copy_database(&source, &server, &[], &mut |_, _| {}).unwrap();
    assert_eq!(summary.iter().map(|t| t.rows).sum::<u64>(), 703);
    assert_eq!(all_rows(&server), all_rows(&source));

    let back = project(Connection::open_in_memory().unwrap());
    copy_database(&server, &back, &[], &mut |_, _| {}).unwrap();
    assert_eq!(all_rows(&back), all_rows(&source), "the round trip changes nothing");

    // The identity sequence continues after the largest copied id.
    let next: i64 = server
        .query_row("INSERT INTO documents (title) VALUES ('new') RETURNING id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(next, 901);
}

#[test]
fn an_empty_database_has_no_rows_and_a_filled_one_names_its_tables() {
    let server =
        project(Connection::connect_postgres(&policyscope_testkit::fresh_postgres_database()).unwrap());
    assert!(tables_with_rows(&server).unwrap().is_empty(), "migration versions do not count");
    server.execute("INSERT INTO documents (title) VALUES ('x')", []).unwrap();
    assert_eq!(tables_with_rows(&server).unwrap(), ["documents"]);
}
