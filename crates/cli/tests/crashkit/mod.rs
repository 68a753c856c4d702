//! Kill loops: a batch of `policyscope` commands killed (SIGKILL, no clean-up)
//! at seeded random moments, again and again, on a copy of a project.
//!
//! Each round runs the batch and kills whatever command is running when the
//! round's delay is up; the delay is drawn uniformly from the duration of an
//! uninterrupted run of the batch, measured first. After every round the
//! database must pass `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
//! A round whose batch finishes before its delay has completed the work: the
//! project must then hold what the uninterrupted run left, and the next round
//! starts again from the pristine project, so that later kills still land in
//! the middle of real work rather than on a finished project.
#![allow(dead_code)] // each test binary uses a different subset

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A batch of commands, each the arguments after `policyscope --project P --quiet`.
pub type Batch = Vec<Vec<OsString>>;

/// One kill loop: what to run, on which project, and how to judge it.
pub struct KillLoop<'a> {
    /// Shown in messages (`import`, `auto-coding`, `review`).
    pub name: &'a str,
    /// The pristine project every cycle starts from (copied, never changed).
    pub base: &'a Path,
    /// An empty folder for the uninterrupted and the killed copies.
    pub work: &'a Path,
    /// The commands, run in order.
    pub batch: &'a Batch,
    /// How many kills must land while a command runs.
    pub kills: usize,
    /// A count that every commit of the batch raises (documents stored and
    /// indexed, documents coded, review decisions logged).
    pub progress: &'a dyn Fn(&Path) -> i64,
    /// The project's state that a finished batch must reproduce, row by row.
    pub state: &'a dyn Fn(&Path) -> Vec<String>,
}

/// What a loop did; the uninterrupted and the killed projects are left for
/// the caller to compare through the command line.
pub struct Outcome {
    /// The project of the uninterrupted run.
    pub whole: PathBuf,
    /// The project killed again and again, then finished by a last full run.
    pub killed: PathBuf,
    /// Kills that landed after the killed command had committed part of its
    /// work and before the project reached its final state.
    pub mid_work: usize,
    /// Batches that finished before their delay (each compared, then restarted).
    pub completed: usize,
    /// The uninterrupted run's duration.
    pub full: Duration,
    /// The seed of the delays.
    pub seed: u64,
}

/// The seed of the delays: `POLICYSCOPE_CRASH_SEED`, else from the clock
/// (every run explores other moments; a failure prints the seed to replay).
pub fn seed() -> u64 {
    if let Some(s) = std::env::var("POLICYSCOPE_CRASH_SEED").ok().and_then(|s| s.trim().parse().ok()) {
        return s;
    }
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
}

/// SplitMix64: a tiny seeded generator, enough for delays.
struct Delays(u64);

impl Delays {
    fn next_below(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % bound.max(1)
    }
}

impl KillLoop<'_> {
    /// Runs the loop; panics, with the seed, round and delay, on any failure.
    pub fn run(&self) -> Outcome {
        let seed = seed();
        let whole = self.work.join("whole");
        let killed = self.work.join("killed");
        copy_project(self.base, &whole);
        let started = Instant::now();
        self.run_batch(&whole, None, &format!("seed {seed}, uninterrupted run"));
        let full = started.elapsed();
        let expected = (self.state)(&whole);
        assert!(!expected.is_empty(), "{}: the uninterrupted run left nothing to compare", self.name);

        let mut delays = Delays(seed);
        copy_project(self.base, &killed);
        let (mut kills, mut mid_work, mut completed) = (0, 0, 0);
        let mut round = 0;
        while kills < self.kills {
            round += 1;
            assert!(round <= self.kills * 4, "{}: seed {seed}: {round} rounds for {kills} kills", self.name);
            let delay = Duration::from_millis(delays.next_below(full.as_millis() as u64));
            let at = format!("seed {seed}, round {round}, kill after {} ms", delay.as_millis());
            let before = (self.progress)(&killed);
            let was_killed = self.run_batch(&killed, Some(delay), &at);
            check_integrity(&killed, &format!("{}: {at}", self.name));
            let after = (self.progress)(&killed);
            if was_killed {
                kills += 1;
                if after > before && (self.state)(&killed) != expected {
                    mid_work += 1;
                }
            } else {
                same_rows(
                    &expected,
                    &(self.state)(&killed),
                    &format!("{}: {at}: a finished batch", self.name),
                );
                completed += 1;
                std::fs::remove_dir_all(&killed).unwrap();
                copy_project(self.base, &killed);
            }
        }
        // The re-run after the last kill completes the work.
        self.run_batch(&killed, None, &format!("seed {seed}, the re-run after {kills} kills"));
        check_integrity(&killed, &format!("{}: seed {seed}, after the re-run", self.name));
        same_rows(&expected, &(self.state)(&killed), &format!("{}: seed {seed}: the re-run", self.name));
        eprintln!(
            "{}: {kills} kills in {round} rounds ({mid_work} mid-work, {completed} batches finished and compared), \
             whole run {} ms, seed {seed}",
            self.name,
            full.as_millis()
        );
        Outcome { whole, killed, mid_work, completed, full, seed }
    }

    /// Runs the batch on `project`; with a delay, kills the command running
    /// when it is up and returns true. A command that fails fails the test.
    fn run_batch(&self, project: &Path, delay: Option<Duration>, at: &str) -> bool {
        let deadline = delay.map(|d| Instant::now() + d);
        let log = project.with_extension("stderr");
        for args in self.batch {
            let mut child = Command::new(assert_cmd::cargo::cargo_bin("policyscope"))
                .arg("--project")
                .arg(project)
                .arg("--quiet")
                .args(args)
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .unwrap();
            let status = loop {
                if let Some(status) = child.try_wait().unwrap() {
                    break status;
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    child.kill().unwrap(); // SIGKILL
                    child.wait().unwrap();
                    return true;
                }
                std::thread::sleep(Duration::from_millis(2));
            };
            assert!(
                status.success(),
                "{}: {at}: `policyscope {} …` failed: {}",
                self.name,
                args.iter().take(8).map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" "),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        false
    }
}

/// The project's database, opened directly.
pub fn db(project: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(project.join("policyscope.db")).unwrap()
}

/// One number from the database (0 when the project has no database yet).
pub fn count(project: &Path, sql: &str) -> i64 {
    db(project).query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// Every row of a query, its columns joined by tabs.
pub fn rows(project: &Path, sql: &str) -> Vec<String> {
    let conn = db(project);
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    let found = stmt
        .query_map([], |r| {
            let cells: rusqlite::Result<Vec<String>> = (0..width)
                .map(|i| {
                    Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                        rusqlite::types::Value::Null => "NULL".to_string(),
                        rusqlite::types::Value::Integer(n) => n.to_string(),
                        rusqlite::types::Value::Real(x) => x.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        rusqlite::types::Value::Blob(b) => format!("{b:?}"),
                    })
                })
                .collect();
            Ok(cells?.join("\t"))
        })
        .unwrap();
    found.map(Result::unwrap).collect()
}

/// The database is whole: `integrity_check` says ok and no foreign key dangles.
pub fn check_integrity(project: &Path, at: &str) {
    let conn = db(project);
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok", "{at}");
    let dangling =
        conn.prepare("PRAGMA foreign_key_check").unwrap().query_map([], |_| Ok(())).unwrap().count();
    assert_eq!(dangling, 0, "{at}: {dangling} rows point at nothing");
}

/// Asserts that two lists of rows are equal, naming the first difference
/// rather than printing thousands of rows.
pub fn same_rows(expected: &[String], found: &[String], at: &str) {
    if expected == found {
        return;
    }
    let first =
        expected.iter().zip(found).position(|(a, b)| a != b).unwrap_or(expected.len().min(found.len()));
    panic!(
        "{at}: {} rows, expected {}; first difference at row {first}: {:?} instead of {:?}",
        found.len(),
        expected.len(),
        found.get(first),
        expected.get(first)
    );
}

/// Copies a project folder (database, its journal files, the search index).
pub fn copy_project(from: &Path, to: &Path) {
    let mut pending = vec![(from.to_path_buf(), to.to_path_buf())];
    while let Some((src, dst)) = pending.pop() {
        std::fs::create_dir_all(&dst).unwrap();
        for entry in std::fs::read_dir(&src).unwrap() {
            let entry = entry.unwrap();
            let target = dst.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                pending.push((entry.path(), target));
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
}
