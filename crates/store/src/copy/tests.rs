use super::*;

const SCHEMA: &str = "
    CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL);
    CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT NOT NULL, score REAL, raw BLOB,
                            previous_version INTEGER REFERENCES documents(id));
    CREATE TABLE passages (doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
                           start INTEGER NOT NULL, end INTEGER NOT NULL CHECK (end > start),
                           PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;
    CREATE TABLE derived (doc_id INTEGER PRIMARY KEY);";

fn database(schema: &str) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    conn.execute_batch(schema).unwrap();
    conn
}

/// A source whose older documents point at newer ones (ids out of order),
/// with every storage class, and enough passages for many batches.
fn filled() -> Connection {
    let conn = database(SCHEMA);
    conn.execute_batch("INSERT INTO schema_versions VALUES ('corpus', 3);").unwrap();
    for id in 1..=40i64 {
        let raw: Option<Vec<u8>> = (id % 3 == 0).then(|| vec![0, 255, id as u8]);
        conn.execute(
            "INSERT INTO documents (id, title, score, raw) VALUES (?1, ?2, ?3, ?4)",
            crate::params![id * 10, format!("标题 {id}"), id as f64 / 7.0, raw],
        )
        .unwrap();
    }
    conn.execute_batch("UPDATE documents SET previous_version = id + 10 WHERE id < 400 AND id % 20 = 0;")
        .unwrap();
    for doc in 1..=40i64 {
        for idx in 0..30i64 {
            conn.execute(
                "INSERT INTO passages VALUES (?1, ?2, ?3, ?4)",
                [doc * 10, idx, idx * 5, idx * 5 + 4],
            )
            .unwrap();
        }
    }
    conn.execute("INSERT INTO derived VALUES (10)", []).unwrap();
    conn
}

fn rows(conn: &Connection, table: &str) -> Vec<Vec<Value>> {
    let t = catalog::table(conn, table).unwrap();
    let order: Vec<String> = t.primary_key.iter().map(|&c| quote(&t.columns[c].name)).collect();
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {}", order.join(", "))).unwrap();
    let width = t.columns.len();
    stmt.query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect::<crate::Result<Vec<_>>>())
        .unwrap()
        .collect::<crate::Result<Vec<_>>>()
        .unwrap()
}

#[test]
fn every_row_arrives_with_its_id_in_foreign_key_order() {
    let source = filled();
    let target = database(SCHEMA);
    let mut seen = Vec::new();
    let summary =
        copy_database(&source, &target, &["DERIVED"], &mut |done, total| seen.push((done, total))).unwrap();
    let names: Vec<&str> = summary.iter().map(|t| t.table.as_str()).collect();
    assert_eq!(
        names,
        ["documents", "passages"],
        "referenced tables first; skipped and version tables left out"
    );
    assert_eq!(summary[1].rows, 1200);
    for table in ["documents", "passages"] {
        assert_eq!(rows(&source, table), rows(&target, table), "{table}");
    }
    assert!(rows(&target, "derived").is_empty() && rows(&target, "schema_versions").is_empty());
    assert_eq!(seen.last(), Some(&(1240, 1240)));
    assert!(seen.len() >= 5, "progress is reported batch by batch: {seen:?}");
}

#[test]
fn a_table_the_target_lacks_is_refused_and_nothing_is_written() {
    let source = filled();
    let target = database(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT NOT NULL, score REAL, raw BLOB,
                                                   previous_version INTEGER REFERENCES documents(id));",
    );
    let err = copy_database(&source, &target, &[], &mut |_, _| {}).unwrap_err();
    assert!(matches!(&err, CopyError::MissingTable(t) if t == "derived"), "{err}");
    assert!(tables_with_rows(&target).unwrap().is_empty());
}

#[test]
fn different_columns_are_refused() {
    let source = filled();
    let target = database(&SCHEMA.replace("raw BLOB,", "raw BLOB, extra TEXT,"));
    let err = copy_database(&source, &target, &[], &mut |_, _| {}).unwrap_err();
    assert!(matches!(&err, CopyError::Columns { table, .. } if table == "documents"), "{err}");
}

#[test]
fn a_row_the_target_refuses_rolls_back_the_whole_copy() {
    // The source has no CHECK; the target refuses an empty span.
    let source = database(&SCHEMA.replace(" CHECK (end > start)", ""));
    source.execute_batch("INSERT INTO documents (id, title) VALUES (1, 'a');").unwrap();
    for idx in 0..50i64 {
        source
            .execute("INSERT INTO passages VALUES (1, ?1, ?2, ?3)", [idx, idx, idx + i64::from(idx != 49)])
            .unwrap();
    }
    let target = database(SCHEMA);
    assert!(copy_database(&source, &target, &[], &mut |_, _| {}).is_err());
    assert!(tables_with_rows(&target).unwrap().is_empty(), "nothing of the failed copy stays");
    assert_eq!(tables_with_rows(&source).unwrap(), ["documents", "passages"]);
}
