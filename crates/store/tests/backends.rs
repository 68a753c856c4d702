//! The same statements give the same answers on SQLite and on PostgreSQL.
//! PostgreSQL comes from `policyscope_testkit` (a throw-away server); these
//! tests fail, never skip, when it cannot be started.

use policyscope_store::{migrate, params, Backend, Connection, Error, OptionalExtension, Value};

const SCHEMA: &[&str] = &[
    "CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        weight REAL,
        data BLOB,
        start INTEGER NOT NULL DEFAULT 0,
        end INTEGER NOT NULL DEFAULT 0,
        parent_id INTEGER REFERENCES items(id),
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );",
    "CREATE INDEX items_parent ON items(parent_id);",
];

fn both() -> Vec<Connection> {
    let sqlite = Connection::open_in_memory().expect("in-memory SQLite");
    let url = policyscope_testkit::fresh_postgres_database();
    let pg = Connection::connect_postgres(&url).expect("the test PostgreSQL server");
    for c in [&sqlite, &pg] {
        migrate::apply(c, "items", SCHEMA).unwrap().unwrap();
    }
    vec![sqlite, pg]
}

/// One `items` row as read back.
type Item = (i64, String, Option<f64>, Vec<u8>, i64, i64, Option<i64>);

fn insert(c: &Connection, name: &str, weight: Option<f64>, parent: Option<i64>) -> i64 {
    c.query_row(
        "INSERT INTO items (name, weight, data, start, end, parent_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        params![name, weight, vec![0u8, 255, 7], 3i64, 9usize, parent],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn rows_written_and_read_back_are_the_same_on_both_back_ends() {
    let mut seen = Vec::new();
    for c in both() {
        let a = insert(&c, "Alpha", Some(1.5), None);
        let b = insert(&c, "beta", None, Some(a));
        let rows: Vec<Item> = c
            .prepare("SELECT id, name, weight, data, start, end, parent_id FROM items ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Aggregates and comparisons: integers and booleans read alike.
        let (count, total, both_big): (i64, i64, bool) = c
            .query_row("SELECT count(*), SUM(end), MIN(start) = 3 FROM items", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        // A parameter that may be NULL compares null-safely with `IS`.
        let roots: i64 = c
            .query_row("SELECT count(*) FROM items WHERE parent_id IS ?1", [None::<i64>], |r| r.get(0))
            .unwrap();
        let children: i64 =
            c.query_row("SELECT count(*) FROM items WHERE parent_id IS ?1", [Some(a)], |r| r.get(0)).unwrap();
        // LIKE ignores ASCII case on both.
        let like: i64 =
            c.query_row("SELECT count(*) FROM items WHERE name LIKE 'al%'", [], |r| r.get(0)).unwrap();
        let at: String = c.query_row("SELECT at FROM items WHERE id = ?1", [b], |r| r.get(0)).unwrap();
        assert_eq!(at.len(), "2026-12-01T16:00:00.000Z".len(), "{:?}: {at}", c.backend());
        assert!(at.ends_with('Z') && at.as_bytes()[10] == b'T', "{at}");
        seen.push((rows, count, total, both_big, roots, children, like));
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0].1, 2);
    assert_eq!(seen[0].2, 18);
}

#[test]
fn a_dropped_transaction_leaves_nothing_and_a_committed_one_stays() {
    for c in both() {
        {
            let tx = c.unchecked_transaction().unwrap();
            insert(&tx, "gone", None, None);
        }
        let tx = c.unchecked_transaction().unwrap();
        insert(&tx, "kept", None, None);
        tx.commit().unwrap();
        let names: Vec<String> = c
            .prepare("SELECT name FROM items")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(names, vec!["kept".to_string()], "{:?}", c.backend());
    }
}

#[test]
fn constraint_errors_are_recognised_on_both_back_ends() {
    for c in both() {
        insert(&c, "same", None, None);
        let err = c.execute("INSERT INTO items (name) VALUES (?1)", ["same"]).unwrap_err();
        assert!(err.is_unique_violation(), "{:?}: {err}", c.backend());
        let err = c.execute("INSERT INTO items (name, parent_id) VALUES ('orphan', 999)", []).unwrap_err();
        if c.backend() == Backend::Postgres {
            // SQLite checks foreign keys only when the project turns them on.
            assert!(err.is_foreign_key_violation(), "{err}");
        }
        let none =
            c.query_row("SELECT id FROM items WHERE name = 'nobody'", [], |r| r.get::<_, i64>(0)).optional();
        assert!(matches!(none, Ok(None)));
        assert!(matches!(
            c.query_row("SELECT id FROM items WHERE name = 'nobody'", [], |r| r.get::<_, i64>(0)),
            Err(Error::QueryReturnedNoRows)
        ));
    }
}

#[test]
fn values_of_every_class_round_trip() {
    for c in both() {
        c.execute_migration("CREATE TABLE v (i INTEGER, r REAL, t TEXT, b BLOB)").unwrap();
        let values = [
            Value::Integer(i64::MIN),
            Value::Real(-0.25),
            Value::Text("中文 'quoted' ?1".into()),
            Value::Blob(vec![0, 1, 2]),
        ];
        c.execute(
            "INSERT INTO v (i, r, t, b) VALUES (?1, ?2, ?3, ?4)",
            policyscope_store::params_from_iter(values.clone()),
        )
        .unwrap();
        c.execute(
            "INSERT INTO v (i, r, t, b) VALUES (?, ?, ?, ?)",
            params![None::<i64>, None::<f64>, None::<String>, None::<Vec<u8>>],
        )
        .unwrap();
        let rows: Vec<Vec<Value>> = c
            .prepare("SELECT i, r, t, b FROM v ORDER BY i IS NULL, i")
            .unwrap()
            .query_map([], |r| (0..4).map(|k| r.get(k)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0], values.to_vec(), "{:?}", c.backend());
        assert_eq!(rows[1], vec![Value::Null; 4]);
    }
}

/// A connection the server closed is re-opened for the next statement;
/// a transaction it cut is reported, and none of it is kept.
#[test]
fn a_connection_the_server_closed_is_reopened_and_a_cut_transaction_keeps_nothing() {
    let url = policyscope_testkit::fresh_postgres_database();
    let c = Connection::connect_postgres(&url).unwrap();
    migrate::apply(&c, "items", SCHEMA).unwrap().unwrap();
    let admin = Connection::connect_postgres(&url).unwrap();
    let kill = || {
        admin
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                [],
            )
            .unwrap();
        // The backend is told to go, and goes a moment later: wait for it, so
        // that the next statement surely meets a closed connection.
        for _ in 0..500 {
            let others: i64 = admin
                .query_row(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            if others == 0 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the terminated backend did not go within 5 s");
    };
    insert(&c, "before", None, None);
    kill();
    // The first statement may find the socket closed only as it uses it.
    let first = c.execute("INSERT INTO items (name) VALUES ('after')", []);
    if let Err(e) = &first {
        assert!(matches!(e, Error::Unavailable(_)), "{e}");
        c.execute("INSERT INTO items (name) VALUES ('after')", []).unwrap();
    }
    let tx = c.unchecked_transaction().unwrap();
    insert(&tx, "cut", None, None);
    kill();
    assert!(tx.commit().is_err(), "a commit on a closed connection must fail");
    let names: Vec<String> = admin
        .prepare("SELECT name FROM items ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(names, vec!["before".to_string(), "after".to_string()]);
    // And the connection works again.
    insert(&c, "again", None, None);
}

#[test]
fn many_rows_inserted_in_batches_arrive_whole_and_in_order_on_both_back_ends() {
    let mut seen = Vec::new();
    for c in both() {
        // 700 rows: one statement of 512, then 128, 32, 16, 8 and 4.
        let values: Vec<Value> = (0..700i64)
            .flat_map(|i| [Value::Text(format!("n{i}")), Value::Integer(i), Value::Integer(i * 2)])
            .collect();
        let tx = c.unchecked_transaction().unwrap();
        assert_eq!(
            policyscope_store::insert_rows(&tx, "INSERT INTO items (name, start, end)", 3, &values).unwrap(),
            700
        );
        tx.commit().unwrap();
        let rows: Vec<(i64, String, i64)> = c
            .prepare("SELECT id, name, end FROM items ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 700);
        assert_eq!(rows[699], (700, "n699".to_string(), 1398));
        seen.push(rows);
    }
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn a_table_is_found_by_name_on_both_back_ends() {
    for c in both() {
        assert!(c.table_exists("items").unwrap(), "{:?}", c.backend());
        assert!(!c.table_exists("no_such_table").unwrap(), "{:?}", c.backend());
    }
}
