//! A PostgreSQL server for the tests of team mode, found or failed loudly.
//!
//! `scripts/test.sh` starts a throw-away server (`scripts/pg-test-server.sh`)
//! and exports its URL as `POLICYSCOPE_TEST_POSTGRES`. A developer running
//! `cargo test -p …` alone gets the same server started on first use (it keeps
//! running for the next run; `scripts/pg-test-server.sh stop` ends it). Each
//! test takes its own empty database, so tests never see each other's rows.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The variable that names the test server (a `postgres://` URL).
pub const POSTGRES_ENV: &str = "POLICYSCOPE_TEST_POSTGRES";

/// The URL of the test PostgreSQL server, started when needed.
///
/// `$POLICYSCOPE_TEST_POSTGRES` when set; otherwise the server of
/// `scripts/pg-test-server.sh start` (started once per test process, and
/// reused when one is already running). Panics, saying what to install or run,
/// when there is neither.
pub fn postgres_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    // Tests run on parallel threads: one of them starts the server, the
    // others wait for its URL rather than racing the script.
    static STARTING: Mutex<()> = Mutex::new(());
    if let Some(url) = URL.get() {
        return url.clone();
    }
    let _guard = STARTING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    URL.get_or_init(find_or_start).clone()
}

fn find_or_start() -> String {
    if let Some(url) = std::env::var(POSTGRES_ENV).ok().filter(|u| !u.trim().is_empty()) {
        return url.trim().to_string();
    }
    let script = crate::repo_root().join("scripts/pg-test-server.sh");
    let out = Command::new("bash").arg(&script).arg("start").output();
    match out {
        Ok(o) if o.status.success() => {
            let url = String::from_utf8_lossy(&o.stdout).trim().to_string();
            if url.starts_with("postgres://") {
                return url;
            }
            panic!("{} printed no URL: {url:?}", script.display())
        }
        Ok(o) => panic!(
            "no PostgreSQL server for the tests: {} failed: {} — run scripts/setup.sh (installs Debian's \
             `postgresql`), or set {POSTGRES_ENV}=postgres://USER@HOST:PORT/DB",
            script.display(),
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => panic!(
            "no PostgreSQL server for the tests: cannot run {}: {e} — set {POSTGRES_ENV}=postgres://USER@HOST:PORT/DB",
            script.display()
        ),
    }
}

/// A new, empty database on the test server; returns its URL.
///
/// Its name is unique across processes and threads (`t_<pid>_<n>_<nanos>`).
/// The database is left behind: the throw-away cluster is deleted as a whole.
pub fn fresh_postgres_database() -> String {
    create_database_on(&postgres_url())
}

fn create_database_on(server: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let name = format!("t_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut client = postgres::Client::connect(server, postgres::NoTls).unwrap_or_else(|e| {
        panic!(
            "cannot connect to the test PostgreSQL server {server}: {e} — run scripts/pg-test-server.sh start, \
             or set {POSTGRES_ENV}"
        )
    });
    // The name is made here of digits and `_` only, so quoting it is enough.
    client
        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .unwrap_or_else(|e| panic!("cannot create database {name} on {server}: {e}"));
    with_database(server, &name)
}

/// `url` with its database (the path) replaced by `name`; a query string is kept.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_of_a_url_is_replaced_and_its_options_kept() {
        assert_eq!(
            with_database("postgres://u@127.0.0.1:5432/postgres", "t_1"),
            "postgres://u@127.0.0.1:5432/t_1"
        );
        assert_eq!(with_database("postgres://u@h:1", "t_2"), "postgres://u@h:1/t_2");
        assert_eq!(
            with_database("postgres://u@h:1/db?sslmode=disable", "t_3"),
            "postgres://u@h:1/t_3?sslmode=disable"
        );
    }

    #[test]
    #[should_panic(expected = "cannot connect to the test PostgreSQL server")]
    fn a_server_that_does_not_answer_fails_the_test_with_what_to_run() {
        // Nothing listens on port 1; the refusal comes at once.
        create_database_on("postgres://policyscope@127.0.0.1:1/postgres");
    }

    #[test]
    fn the_test_server_answers() {
        let mut client = postgres::Client::connect(&postgres_url(), postgres::NoTls).unwrap();
        let one: i32 = client.query_one("SELECT 1", &[]).unwrap().get(0);
        assert_eq!(one, 1);
    }

    #[test]
    fn each_fresh_database_is_new_empty_and_its_own() {
        let a = fresh_postgres_database();
        let b = fresh_postgres_database();
        assert_ne!(a, b);
        let mut first = postgres::Client::connect(&a, postgres::NoTls).unwrap();
        let name: String = first.query_one("SELECT current_database()", &[]).unwrap().get(0);
        assert!(a.ends_with(&format!("/{name}")), "{a} is {name}");
        let tables: i64 = first
            .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", &[])
            .unwrap()
            .get(0);
        assert_eq!(tables, 0, "a fresh database has no tables");
        first.batch_execute("CREATE TABLE only_here (x BIGINT)").unwrap();
        let mut second = postgres::Client::connect(&b, postgres::NoTls).unwrap();
        let seen: i64 = second
            .query_one("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'", &[])
            .unwrap()
            .get(0);
        assert_eq!(seen, 0, "a table made in one fresh database is not in another");
    }
}
