//! Precision and recall of extraction + resolution against the
//! hand-checked references in `fixtures/references.tsv` (citing file, span,
//! correct target version), over the files listed in `fixtures/import.txt`.

mod common;

use std::collections::HashMap;

use policyscope_cite::{store, RefKind, Status};

struct Label {
    citing: String,
    start: usize,
    end: usize,
    targets: Vec<String>,
    short_name: bool,
    /// The document's own number quoted in its text (`self`).
    own_number: bool,
}

fn labels() -> Vec<Label> {
    include_str!("fixtures/references.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("citing\t") && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Label {
                citing: c[0].to_string(),
                start: c[1].parse().unwrap(),
                end: c[2].parse().unwrap(),
                targets: if c[4] == "-" { vec![] } else { c[4].split('|').map(str::to_string).collect() },
                short_name: c.get(5) == Some(&"short name"),
                own_number: c.get(5) == Some(&"own number"),
            }
        })
        .collect()
}

#[derive(Default, Debug)]
struct Score {
    predicted: usize,
    correct: usize,
    expected: usize,
    found: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }
}

#[test]
fn precision_and_recall_on_hand_checked_references() {
    let corpus = common::corpus();
    let laws = corpus.join("laws");
    let files: Vec<_> = include_str!("fixtures/import.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| laws.join(l))
        .collect();
    let (_dir, project) = common::project_with(&files, None);
    let docs = project.documents(false).unwrap();
    let path_of = |id: i64| -> Vec<String> {
        docs.iter().find(|d| d.id == id).map(|d| d.paths.clone()).unwrap_or_default()
    };
    let matches = |paths: &[String], rel: &str| paths.iter().any(|p| p.ends_with(&format!("/laws/{rel}")));
    let labels = labels();
    let citations = store::compute(&project, None, &mut |_, _| {}).unwrap();
    let mut by_kind: HashMap<&str, Score> = HashMap::new();
    let mut total = Score::default();
    let mut errors = Vec::new();
    let citing_files: std::collections::BTreeSet<&str> = labels.iter().map(|l| l.citing.as_str()).collect();
    for file in &citing_files {
        let id = common::id_at(&project, &format!("/laws/{file}"));
        let own = path_of(id);
        let predicted: Vec<_> = citations.iter().filter(|c| c.citing.id == Some(id)).collect();
        let file_labels: Vec<&Label> = labels.iter().filter(|l| l.citing == *file).collect();
        for c in predicted.iter().filter(|c| matches!(c.status, Status::Resolved | Status::SelfRef)) {
            let kind = c.reference.kind.as_str();
            let label = file_labels.iter().find(|l| l.start == c.reference.start);
            let paths = if c.status == Status::SelfRef {
                own.clone()
            } else {
                path_of(c.target.as_ref().and_then(|d| d.id).unwrap_or(-1))
            };
            let ok = label.is_some_and(|l| {
                l.targets.iter().any(|t| (t == "self" && c.status == Status::SelfRef) || matches(&paths, t))
            });
            for s in [&mut total, by_kind.entry(kind).or_default()] {
                s.predicted += 1;
                s.correct += ok as usize;
            }
            if !ok {
                errors.push(format!(
                    "wrong: {file} {}-{} {} -> {:?}",
                    c.reference.start, c.reference.end, c.reference.text, paths
                ));
            }
        }
        for l in file_labels.iter().filter(|l| !l.targets.is_empty()) {
            let kind = match (l.short_name, l.own_number) {
                (true, _) => RefKind::Alias.as_str(),
                (_, true) => RefKind::Docno.as_str(),
                _ => RefKind::Title.as_str(),
            };
            let hit = predicted.iter().find(|c| c.reference.start == l.start && c.reference.end >= l.end);
            let ok = hit.is_some_and(|c| {
                let paths = if c.status == Status::SelfRef {
                    own.clone()
                } else {
                    path_of(c.target.as_ref().and_then(|d| d.id).unwrap_or(-1))
                };
                l.targets.iter().any(|t| {
                    (t == "self" && c.status == Status::SelfRef)
                        || (c.status == Status::Resolved && matches(&paths, t))
                })
            });
            for s in [&mut total, by_kind.entry(kind).or_default()] {
                s.expected += 1;
                s.found += ok as usize;
            }
            if !ok {
                errors.push(format!(
                    "missed: {file} {}-{} {:?} ({:?})",
                    l.start,
                    l.end,
                    l.targets,
                    hit.map(|c| c.status)
                ));
            }
        }
    }
    for e in &errors {
        println!("{e}");
    }
    let mut kinds: Vec<_> = by_kind.iter().collect();
    kinds.sort_by_key(|(k, _)| *k);
    for (k, s) in kinds {
        println!(
            "{k:<6} precision {:.4} ({}/{})  recall {:.4} ({}/{})",
            s.precision(),
            s.correct,
            s.predicted,
            s.recall(),
            s.found,
            s.expected
        );
    }
    println!(
        "hand-checked set: {} references in {} documents; precision {:.4} ({}/{}), recall {:.4} ({}/{})",
        labels.len(),
        citing_files.len(),
        total.precision(),
        total.correct,
        total.predicted,
        total.recall(),
        total.found,
        total.expected
    );
    assert!(labels.len() >= 150 && citing_files.len() >= 40);
    assert_eq!(total.precision(), 1.0, "precision {:.4}", total.precision());
    assert_eq!(total.recall(), 1.0, "recall {:.4}", total.recall());
}
