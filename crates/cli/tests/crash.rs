//! Auto-coding killed (`kill -9`) again and again: the project stays whole and a
//! re-run ends with exactly the codings of an uninterrupted run.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::policyscope;

const FOLDERS: [&str; 4] =
    ["corpus/laws/司法解释", "corpus/laws/行政法", "corpus/laws/民法商法", "corpus/laws/行政法规"];

fn imported_project(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("proj");
    let mut import = policyscope(&p);
    import.args(["import", "--init"]);
    for folder in FOLDERS {
        import.arg(policyscope_testkit::shared(folder));
    }
    import.assert().success();
    p
}

fn db(project: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(project.join("policyscope.db")).unwrap()
}

fn count(project: &Path, sql: &str) -> i64 {
    db(project).query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// Every coding as (document, code path, span, coder, status), in a fixed order.
fn codings(project: &Path) -> Vec<(i64, String, i64, i64, String, String)> {
    let conn = db(project);
    let mut stmt = conn
        .prepare(
            "SELECT c.doc_id, k.path, c.start, c.end, c.coder, c.status FROM codings c \
             JOIN codes k ON k.id = c.code_id ORDER BY 1, 2, 3, 4, 5",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn auto_coding_killed_in_a_loop_ends_with_the_codings_of_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let killed = imported_project(&dir.path().join("killed"));
    let whole = imported_project(&dir.path().join("whole"));
    let documents = count(&killed, "SELECT count(*) FROM documents");
    assert!(documents > 1000, "{documents} documents");

    // The uninterrupted run first: how long a whole run takes on this machine
    // (loading the segmenter's dictionary included) sets the kill delays.
    let started = Instant::now();
    policyscope(&whole).args(["code", "run", "--codebook", "builtin:study"]).assert().success();
    let full = started.elapsed().as_millis() as u64;

    // Kill `code run` after a growing delay, spread over a whole run's time,
    // until one run is left to finish on its own.
    let mut killed_mid_run = 0;
    for round in 0..20u64 {
        let done_before = count(&killed, "SELECT count(*) FROM coding_runs");
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("policyscope"))
            .arg("--project")
            .arg(&killed)
            .args(["--quiet", "code", "run", "--codebook", "builtin:study"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_millis(20 + full * round / 20);
        while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let still_running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL: no clean-up runs
        child.wait().unwrap();
        let done_after = count(&killed, "SELECT count(*) FROM coding_runs");
        if still_running && done_after > done_before && done_after < documents {
            killed_mid_run += 1;
        }
        let integrity: String = db(&killed).query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "round {round}");
    }
    eprintln!("{killed_mid_run} of 20 kills landed while documents were being coded");
    assert!(killed_mid_run >= 1, "no kill landed while documents were being coded");

    policyscope(&killed).args(["code", "run", "--codebook", "builtin:study"]).assert().success();
    let expected = codings(&whole);
    assert!(!expected.is_empty());
    assert_eq!(codings(&killed), expected);
    assert_eq!(
        count(&killed, "SELECT count(*) FROM coding_runs"),
        count(&whole, "SELECT count(*) FROM coding_runs")
    );
}
