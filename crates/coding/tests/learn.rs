//! Learning from the coders: cross-validation against the majority-class
//! baseline, bit-for-bit reproducibility, and proposals that never override
//! a person's decision.

use policyscope_coding::learn::{self, CodeOutcome, LearnOptions, SuggestOptions};
use policyscope_coding::{CodingFilter, CodingStore, NewCode, NewCoding, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;

const GREEN: [&str; 4] = ["绿色", "低碳", "节能", "减排"];
const OTHER: [&str; 4] = ["数据", "人才", "财政", "税收"];
const VERBS: [&str; 4] = ["发展", "转型", "管理", "监督"];

/// Twelve documents of eight sentences; a sentence is about the green
/// transition when it names one of GREEN. Documents 0–9 are coded by alice
/// (every green sentence), 10–11 are left for suggestions.
fn project(dir: &std::path::Path) -> Project {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for d in 0..12 {
        let mut text = format!("# 文件{d}\n\n");
        for s in 0..8 {
            let green = (d + s) % 3 == 0;
            let word = if green { GREEN[(d * 3 + s) % 4] } else { OTHER[(d * 5 + s) % 4] };
            text.push_str(&format!("第{s}条 推进{word}{}工作第{d}项。\n", VERBS[(d + 2 * s) % 4]));
        }
        std::fs::write(docs.join(format!("doc{d:02}(2020-01-01).md")), text).unwrap();
    }
    let mut p = Project::init(&dir.join("p")).unwrap();
    assert_eq!(import_paths(&mut p, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 12);
    p
}

fn docs(p: &Project) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> =
        p.documents(false).unwrap().into_iter().map(|d| (d.id, d.title)).collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    v
}

/// alice codes every green sentence of the first ten documents.
fn alice_codes(store: &CodingStore<'_>) -> i64 {
    let code =
        store.upsert_code(&NewCode { path: "Green".into(), codable: true, ..NewCode::default() }).unwrap();
    for (id, _) in docs(store.project()).into_iter().take(10) {
        for s in store.project().passages(id, Some(policyscope_text::SpanKind::Sentence)).unwrap() {
            let text = store.project().document(id).unwrap().text;
            let sentence: String =
                text.chars().skip(s.start as usize).take((s.end - s.start) as usize).collect();
            if GREEN.iter().any(|g| sentence.contains(g)) {
                store
                    .add_coding(&NewCoding {
                        doc_id: id,
                        code_id: code.id,
                        start: s.start,
                        end: s.end,
                        coder: "alice".into(),
                        status: Status::Accepted,
                        guid: None,
                    })
                    .unwrap();
            }
        }
    }
    code.id
}

fn weights(p: &Project) -> Vec<Vec<u8>> {
    let mut stmt = p.conn().prepare("SELECT weights FROM coding_models ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn learn_beats_the_majority_baseline_and_is_bit_for_bit_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    alice_codes(&store);
    let opts = LearnOptions { seed: 42, ..LearnOptions::default() };
    let first = learn::learn(&store, &opts).unwrap();
    assert_eq!((first.documents, first.coders.as_slice()), (10, ["alice".to_string()].as_slice()));
    let [CodeOutcome::Trained { model }] = first.codes.as_slice() else {
        panic!("expected one trained code, got {:?}", first.codes)
    };
    assert_eq!(model.code_path, "Green");
    assert!(model.positives >= 20 && model.negatives > model.positives, "{model:?}");
    let (f1, base) = (model.cv.f1.unwrap(), model.cv.baseline_f1.unwrap());
    assert_eq!(base, 0.0, "the majority class is 'not coded'");
    assert!(f1 > 0.9, "cross-validated F1 {f1}");
    assert!(model.cv.accuracy > model.cv.baseline_accuracy);
    // Same decisions, same seed: the same weights, bit for bit, and the same figures.
    let second = learn::learn(&store, &opts).unwrap();
    let w = weights(&p);
    assert_eq!(w.len(), 2);
    assert_eq!(w[0], w[1]);
    let CodeOutcome::Trained { model: again } = &second.codes[0] else { panic!("{:?}", second.codes) };
    assert_eq!((again.cv.clone(), &again.decisions_hash), (model.cv.clone(), &model.decisions_hash));
    // Another seed shuffles differently.
    learn::learn(&store, &LearnOptions { seed: 43, ..LearnOptions::default() }).unwrap();
    assert_ne!(weights(&p)[2], w[0]);
}

#[test]
fn too_few_examples_are_refused_with_the_number_needed() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    alice_codes(&store);
    let opts = LearnOptions { min_examples: 500, ..LearnOptions::default() };
    let s = learn::learn(&store, &opts).unwrap();
    let [CodeOutcome::TooFew { code, positives, needed, .. }] = s.codes.as_slice() else {
        panic!("{:?}", s.codes)
    };
    assert_eq!((code.as_str(), *needed), ("Green", 500));
    assert!(*positives < 500);
    assert!(learn::latest_models(&store).unwrap().is_empty(), "nothing is stored for a refused code");
}

#[test]
fn suggestions_never_override_a_decision_and_come_with_scores() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let code = alice_codes(&store);
    // bob rejects one green sentence of an undecided document by coding and rejecting it.
    let (doc10, _) = docs(&p)[10].clone();
    let green10 = p
        .passages(doc10, Some(policyscope_text::SpanKind::Sentence))
        .unwrap()
        .into_iter()
        .find(|s| {
            let t: String = p
                .document(doc10)
                .unwrap()
                .text
                .chars()
                .skip(s.start as usize)
                .take((s.end - s.start) as usize)
                .collect();
            GREEN.iter().any(|g| t.contains(g))
        })
        .unwrap();
    let mine = store
        .add_coding(&NewCoding {
            doc_id: doc10,
            code_id: code,
            start: green10.start,
            end: green10.end,
            coder: "bob".into(),
            status: Status::Accepted,
            guid: None,
        })
        .unwrap();
    store.reject(mine.id, "bob").unwrap();
    learn::learn(&store, &LearnOptions::default()).unwrap();
    let people_before: Vec<_> = store
        .codings(&CodingFilter::default())
        .unwrap()
        .into_iter()
        .filter(|c| !c.coder.starts_with("model:"))
        .collect();
    let first = learn::suggest(&store, &SuggestOptions::default()).unwrap();
    assert!(first.proposed > 0, "{first:?}");
    assert!(first.decided > 0, "alice's sentences score high and are left alone: {first:?}");
    let all = store.codings(&CodingFilter::default()).unwrap();
    let (model, people): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.coder.starts_with("model:"));
    assert_eq!(people, people_before, "a person's codings are untouched");
    assert!(model.iter().all(|c| c.coder == "model:Green" && c.status == Status::Proposed));
    for m in &model {
        assert!(
            !people.iter().any(|h| h.doc_id == m.doc_id && h.start < m.end && m.start < h.end),
            "proposal {m:?} overlaps a decision"
        );
    }
    let scores = learn::scores(&store, &model.iter().map(|c| c.id).collect::<Vec<_>>()).unwrap();
    assert_eq!(scores.len(), model.len());
    assert!(scores.values().all(|s| (0.5..=1.0).contains(s)));
    // A proposal a person rejects stays rejected and is not proposed again.
    store.reject(model[0].id, "carol").unwrap();
    let again = learn::suggest(&store, &SuggestOptions::default()).unwrap();
    assert_eq!((again.proposed, again.rescored), (0, model.len() - 1), "{again:?}");
    assert_eq!(store.coding(model[0].id).unwrap().status, Status::Rejected);
    // The review queue puts the least certain proposal first.
    let mut queue = model.clone();
    learn::order_by_uncertainty(&mut queue, |c| c.id, &scores);
    let gap = |c: &policyscope_coding::Coding| (scores[&c.id] - 0.5).abs();
    assert!(queue.windows(2).all(|w| gap(&w[0]) <= gap(&w[1])));
}
