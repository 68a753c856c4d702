//! Import, auto-coding and review killed (`kill -9`) 50 times each at random
//! moments: after every kill the database is whole, and re-running the same
//! commands ends with exactly what an uninterrupted run gives, as the database
//! holds it and as `docs list`, `search`, `query table` and `code review list`
//! show it. The delays are seeded (`POLICYSCOPE_CRASH_SEED` replays them).

mod common;
mod crashkit;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use common::{json, policyscope};
use crashkit::{count, rows, Batch, KillLoop};
use serde_json::Value;

/// Kills per loop.
const KILLS: usize = 50;

/// Kills that must land after the killed command committed part of its work
/// and before the project reached its final state. Many kills land elsewhere
/// in a run: in start-up, in work not yet committed (the search index is
/// committed once, at the end of an import), or on a project left nearly
/// done by the kill before.
const MID_WORK: usize = 2;

/// A codebook of words found in nearly every Chinese law: a run over the 439
/// judicial interpretations writes about 11,000 codings, so kills land while
/// they are being written, and a review has plenty to decide (the study
/// codebook finds a few dozen passages in the laws).
const BROAD_CODEBOOK: &str = r#"
[codebook]
name = "broad"
version = "1"
description = "Frequent words of Chinese law"

[[code]]
name = "Duty"
description = "Sentences that impose a duty"

[[code.rule]]
id = "duty"
terms = ["应当", "必须"]

[[code]]
name = "State Council"
description = "Sentences naming the State Council"

[[code.rule]]
id = "state-council"
terms = ["国务院"]

[[code]]
name = "Standards"
description = "Sentences about standards"

[[code.rule]]
id = "standards"
terms = ["标准"]
"#;

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

/// The first `n` files of a folder of the shared corpus, by name.
fn first_files(folder: &str, n: usize) -> Vec<PathBuf> {
    let folder = policyscope_testkit::shared(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.truncate(n);
    assert_eq!(files.len(), n, "{} has fewer than {n} files", folder.display());
    files
}

/// A project with the first `n` judicial interpretations of `laws/司法解释`
/// (439 in all) imported.
fn imported(dir: &Path, n: usize) -> PathBuf {
    let project = dir.join("base");
    policyscope(&project)
        .args(["import", "--init"])
        .args(first_files("corpus/laws/司法解释", n))
        .assert()
        .success();
    project
}

/// The broad codebook, written beside the projects.
fn broad_codebook(dir: &Path) -> PathBuf {
    let path = dir.join("broad.toml");
    std::fs::write(&path, BROAD_CODEBOOK).unwrap();
    path
}

/// A command's `--json` output with the fields that name rows by id or time
/// removed, and `version` (a count of writes: a decision the re-run makes
/// again raises it), so two projects that hold the same things compare equal.
fn without_ids(mut value: Value, drop: &[&str]) -> Vec<String> {
    let Some(items) = value.as_array_mut() else { panic!("expected a JSON array: {value}") };
    let mut out: Vec<String> = items
        .iter_mut()
        .map(|item| {
            if let Some(fields) = item.as_object_mut() {
                fields.retain(|k, _| !drop.contains(&k.as_str()) && !k.ends_with("_at") && k != "version");
            }
            item.to_string()
        })
        .collect();
    out.sort();
    out
}

/// Every coding as the command line lists it (ids, guids and times left out
/// unless `keep_ids`).
fn listed_codings(project: &Path, keep_ids: bool) -> Vec<String> {
    let listed =
        json(policyscope(project).args(["code", "review", "list", "--status", "all", "-n", "1000000"]));
    let drop: &[&str] = if keep_ids { &[] } else { &["id", "guid", "code_id", "recoded_from"] };
    without_ids(listed, drop)
}

fn query_table(project: &Path) -> Value {
    json(policyscope(project).args(["query", "table"]))
}

#[test]
fn import_killed_in_a_loop_ends_with_the_documents_and_index_of_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    policyscope(&base).arg("init").assert().success();
    // One folder of the laws, 30 files: a whole import of about a second, long
    // enough after start-up that random kills land while documents go in.
    let files = first_files("corpus/laws/社会法", 30);
    let mut import = args(&["import"]);
    import.extend(files.iter().map(OsString::from));
    let batch: Batch = vec![import];

    let outcome = KillLoop {
        name: "import",
        base: &base,
        work: dir.path(),
        batch: &batch,
        kills: KILLS,
        // Documents stored, then documents indexed.
        progress: &|p| {
            count(p, "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM search_indexed)")
        },
        state: &|p| {
            let mut state = rows(
                p,
                "SELECT p.path, p.file_hash, d.content_hash, d.title, d.date, d.char_count, d.superseded, \
                 (SELECT count(*) FROM passages s WHERE s.doc_id = d.id), \
                 (SELECT count(*) FROM search_indexed i WHERE i.doc_id = d.id) \
                 FROM document_paths p JOIN documents d ON d.id = p.doc_id ORDER BY p.path",
            );
            state.extend(rows(p, "SELECT count(*) FROM search_indexed"));
            state
        },
    }
    .run();
    assert!(
        outcome.mid_work >= MID_WORK,
        "seed {}: too few kills landed while documents were stored",
        outcome.seed
    );

    let documents =
        |p: &Path| without_ids(json(policyscope(p).args(["docs", "list"])), &["id", "previous_version"]);
    let expected = documents(&outcome.whole);
    assert_eq!(expected.len(), files.len());
    assert_eq!(documents(&outcome.killed), expected, "seed {}", outcome.seed);
    // The search index holds every document exactly once.
    let hits = |p: &Path| {
        let found = json(policyscope(p).args(["search", "法", "--limit", "5000", "--snippets", "0"]));
        let mut paths: Vec<String> =
            found["hits"].as_array().unwrap().iter().map(|h| h["source_path"].to_string()).collect();
        paths.sort();
        (found["total"].as_u64().unwrap(), paths)
    };
    let (total, paths) = hits(&outcome.killed);
    assert_eq!(total as usize, files.len(), "seed {}", outcome.seed);
    assert_eq!((total, paths), hits(&outcome.whole), "seed {}", outcome.seed);
}

#[test]
fn auto_coding_killed_in_a_loop_ends_with_the_codings_of_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    // All of them: auto-coding commits every 200 documents, so a run over
    // 439 commits its work in three parts.
    let base = imported(dir.path(), 439);
    let codebook = broad_codebook(dir.path());
    let mut run = args(&["code", "run", "--codebook"]);
    run.push(codebook.into_os_string());
    let batch: Batch = vec![run];

    let outcome = KillLoop {
        name: "auto-coding",
        base: &base,
        work: dir.path(),
        batch: &batch,
        kills: KILLS,
        progress: &|p| count(p, "SELECT count(*) FROM coding_runs"),
        state: &|p| {
            let mut state = rows(
                p,
                "SELECT c.doc_id, k.path, c.start, c.end, c.coder, c.status, c.rule, c.matched FROM codings c \
                 JOIN codes k ON k.id = c.code_id ORDER BY 1, 2, 3, 4, 5",
            );
            state.extend(rows(p, "SELECT doc_id, codebook, rules_hash, proposals FROM coding_runs ORDER BY 1, 2"));
            state
        },
    }
    .run();
    assert!(
        outcome.mid_work >= MID_WORK,
        "seed {}: too few kills landed while documents were coded",
        outcome.seed
    );

    assert_eq!(query_table(&outcome.killed), query_table(&outcome.whole), "seed {}", outcome.seed);
    let expected = listed_codings(&outcome.whole, false);
    assert!(expected.len() > 1000, "{} codings", expected.len());
    crashkit::same_rows(
        &expected,
        &listed_codings(&outcome.killed, false),
        &format!("seed {}: code review list", outcome.seed),
    );
}

#[test]
fn review_killed_in_a_loop_ends_with_the_decisions_of_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let base = imported(dir.path(), 150);
    let codebook = broad_codebook(dir.path());
    policyscope(&base).args(["code", "run", "--codebook"]).arg(&codebook).assert().success();
    // The scripted review: 1,000 proposals in four commands of 250,
    // interleaved across the documents, accepted and rejected in turn.
    let ids = rows(&base, "SELECT id FROM codings ORDER BY id LIMIT 1000");
    assert_eq!(ids.len(), 1000, "the broad codebook proposes at least 1,000 codings");
    let batch: Batch = (0..4)
        .map(|k| {
            let mut command =
                args(&["code", "review", if k % 2 == 0 { "accept" } else { "reject" }, "--coder", "alice"]);
            command.extend(ids.iter().skip(k).step_by(4).map(OsString::from));
            command
        })
        .collect();

    let outcome = KillLoop {
        name: "review",
        base: &base,
        work: dir.path(),
        batch: &batch,
        kills: KILLS,
        // Every decision committed adds a row, a decision made again too.
        progress: &|p| count(p, "SELECT count(*) FROM coding_reviews"),
        // A decision made again by the re-run is logged again: the log is
        // compared as the set of decisions, the codings as they are.
        state: &|p| {
            let mut state = rows(p, "SELECT id, status FROM codings ORDER BY id");
            state.extend(rows(
                p,
                "SELECT DISTINCT coding_id, reviewer, decision FROM coding_reviews ORDER BY 1, 2, 3",
            ));
            state
        },
    }
    .run();
    assert!(
        outcome.mid_work >= MID_WORK,
        "seed {}: too few kills landed while decisions were stored",
        outcome.seed
    );

    assert_eq!(query_table(&outcome.killed), query_table(&outcome.whole), "seed {}", outcome.seed);
    let expected = listed_codings(&outcome.whole, true);
    assert_eq!(expected.iter().filter(|c| c.contains(r#""status":"rejected""#)).count(), 500);
    crashkit::same_rows(
        &expected,
        &listed_codings(&outcome.killed, true),
        &format!("seed {}: code review list", outcome.seed),
    );
}
