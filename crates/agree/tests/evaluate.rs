//! `evaluate` on a project small enough to count by hand.
//!
//! Documents (sentences are the units):
//!   甲: "# 甲" | "参与国际标准。" | "发展团体标准。" | "国际交流。"
//!   乙: "# 乙" | "采用国际标准。" | "其他事项。"
//! Codebook: Global ← 国际标准 (rule g-terms); Market ← 团体标准 (rule m-terms).
//! alice codes 参与国际标准 and 国际交流 as Global, and 其他事项 as Market.

use policyscope_agree::evaluate::Scope;
use policyscope_agree::{evaluate, EvaluateOptions, Unit};
use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, NewCoding, RunOptions, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;

fn book(extra: &str) -> Codebook {
    Codebook::parse(&format!(
        "[codebook]\nname = \"mini\"\nversion = \"1\"\n\
         [[code]]\nname = \"Global\"\n[[code.rule]]\nid = \"g-terms\"\nterms = [\"国际标准\"]\n{extra}\
         [[code]]\nname = \"Market\"\n[[code.rule]]\nid = \"m-terms\"\nterms = [\"团体标准\"]\n"
    ))
    .expect("test codebook")
}

fn project(dir: &std::path::Path) -> Project {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a(2019-01-01).md"), "# 甲\n\n参与国际标准。发展团体标准。\n\n国际交流。\n")
        .unwrap();
    std::fs::write(docs.join("b(2021-01-01).md"), "# 乙\n\n采用国际标准。其他事项。\n").unwrap();
    let mut p = Project::init(&dir.join("p")).unwrap();
    assert_eq!(import_paths(&mut p, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 2);
    p
}

fn doc(p: &Project, title: &str) -> i64 {
    p.documents(false).unwrap().into_iter().find(|d| d.title == title).unwrap().id
}

/// Codes the first occurrence of `text` in a document as `code` for `coder`.
fn code_text(store: &CodingStore<'_>, doc_id: i64, code: &str, text: &str, coder: &str) {
    let body = store.project().document(doc_id).unwrap().text;
    let byte = body.find(text).unwrap();
    let start = body[..byte].chars().count() as i64;
    let code_id = store.code_by_path(code).unwrap().unwrap().id;
    store
        .add_coding(&NewCoding {
            doc_id,
            code_id,
            start,
            end: start + text.chars().count() as i64,
            coder: coder.into(),
            status: Status::Accepted,
            guid: None,
        })
        .unwrap();
}

fn opts(coder: &str, scope: Scope) -> EvaluateOptions {
    EvaluateOptions { coder: coder.into(), unit: Unit::Sentence, scope, examples: 10 }
}

fn alice_project(dir: &std::path::Path) -> Project {
    let p = project(dir);
    let store = CodingStore::open(&p).unwrap();
    // The codes exist once the codebook has run; alice then codes by hand.
    run_codebook(&store, &book(""), RunOptions::default(), &mut |_, _| {}).unwrap();
    code_text(&store, doc(&p, "甲"), "Global", "参与国际标准", "alice");
    code_text(&store, doc(&p, "甲"), "Global", "国际交流", "alice");
    code_text(&store, doc(&p, "乙"), "Market", "其他事项", "alice");
    p
}

#[test]
fn hand_counted_figures_of_one_code() {
    let dir = tempfile::tempdir().unwrap();
    let p = alice_project(dir.path());
    let e = evaluate(&p, &book(""), &opts("alice", Scope::Documents)).unwrap();
    assert_eq!(e.documents, 2);
    let global = &e.codes[0];
    assert_eq!(global.code, "Global");
    // 7 sentences: TP 参与国际标准; FP 采用国际标准; FN 国际交流; TN the other 4.
    assert_eq!(
        (global.units, global.counts.tp, global.counts.fp, global.counts.fn_, global.counts.tn),
        (7, 1, 1, 1, 4)
    );
    assert_eq!((global.precision, global.recall, global.f1), (Some(0.5), Some(0.5), Some(0.5)));
    // Po = 5/7, Pe = (2·2 + 5·5)/49 = 29/49, κ = (35 − 29)/(49 − 29) = 0.3.
    let kappa = global.kappa.unwrap();
    assert!((kappa - 0.3).abs() < 1e-12, "{kappa}");
    assert_eq!(global.rules.len(), 1);
    assert_eq!(
        (global.rules[0].rule.as_str(), global.rules[0].hits, global.rules[0].kept),
        ("g-terms", 2, 1)
    );
    assert_eq!(global.false_positives.len(), 1);
    assert_eq!(global.false_positives[0].text, "采用国际标准。");
    assert_eq!(global.false_positives[0].rules, ["g-terms"]);
    assert_eq!(global.false_positives[0].matched, ["国际标准"]);
    assert_eq!(global.false_negatives[0].text, "国际交流。");
    assert!(global.false_negatives[0].rules.is_empty());
    // Market: the codebook codes 发展团体标准 only, alice 其他事项 only.
    let market = &e.codes[1];
    assert_eq!((market.counts.tp, market.counts.fp, market.counts.fn_, market.counts.tn), (0, 1, 1, 5));
    assert_eq!((market.precision, market.recall, market.f1), (Some(0.0), Some(0.0), Some(0.0)));
}

#[test]
fn a_codebook_edit_shows_in_the_next_evaluation_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = alice_project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    let before = store.codings(&CodingFilter::default()).unwrap();
    let edited = book("[[code.rule]]\nid = \"g-exchange\"\nterms = [\"国际交流\"]\n");
    let e = evaluate(&p, &edited, &opts("alice", Scope::Documents)).unwrap();
    let g = &e.codes[0];
    assert_eq!((g.counts.tp, g.counts.fp, g.counts.fn_), (2, 1, 0));
    assert_eq!(g.precision, Some(2.0 / 3.0));
    assert_eq!(g.recall, Some(1.0));
    let exchange = g.rules.iter().find(|r| r.rule == "g-exchange").unwrap();
    assert_eq!((exchange.hits, exchange.kept), (1, 1));
    assert_eq!(store.codings(&CodingFilter::default()).unwrap(), before);
}

#[test]
fn review_decisions_count_and_decided_scope_counts_only_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &book(""), RunOptions::default(), &mut |_, _| {}).unwrap();
    let proposals = store.codings(&CodingFilter::default()).unwrap();
    let global = |title: &str| {
        proposals.iter().find(|c| c.code_path == "Global" && c.doc_id == doc(&p, title)).unwrap().id
    };
    store.accept(global("甲"), "bob").unwrap();
    store.reject(global("乙"), "bob").unwrap();
    // Every sentence of both documents: the undecided Market proposal counts as absent for bob.
    let all = evaluate(&p, &book(""), &opts("bob", Scope::Documents)).unwrap();
    let (g, m) = (&all.codes[0], &all.codes[1]);
    assert_eq!((g.counts.tp, g.counts.fp, g.counts.fn_, g.counts.tn), (1, 1, 0, 5));
    assert_eq!((m.counts.tp, m.counts.fp, m.counts.fn_, m.counts.tn), (0, 1, 0, 6));
    // Only what bob decided: the two Global proposals, nothing of Market.
    let decided = evaluate(&p, &book(""), &opts("bob", Scope::Decided)).unwrap();
    let (g, m) = (&decided.codes[0], &decided.codes[1]);
    assert_eq!((g.units, g.counts.tp, g.counts.fp), (2, 1, 1));
    assert_eq!(m.units, 0);
    assert_eq!(m.precision, None);
}

#[test]
fn an_unknown_coder_is_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let p = alice_project(dir.path());
    let e = evaluate(&p, &book(""), &opts("nobody", Scope::Documents)).unwrap_err().to_string();
    assert!(e.contains("nobody") && e.contains("alice"), "{e}");
    let mut chars = opts("alice", Scope::Documents);
    chars.unit = Unit::Char;
    assert!(evaluate(&p, &book(""), &chars).is_err());
}

#[test]
fn judgements_become_decisions_and_rows_of_missing_documents_are_skipped() {
    use policyscope_coding::evaluate::judgements;
    let dir = tempfile::tempdir().unwrap();
    let p = alice_project(dir.path());
    let store = CodingStore::open(&p).unwrap();
    // 参与国际标准。 is [5, 12) of 甲, 发展团体标准。 [12, 19).
    let tsv = "id\tstratum\tpath\tstart\tend\tGlobal\tMarket\tnote\n\
               j1\ts\ta(2019-01-01).md\t5\t12\t1\t0\t\n\
               j2\ts\ta(2019-01-01).md\t12\t19\t0\t1\t\n\
               j3\ts\tnot-here.md\t0\t4\t1\t1\t\n";
    let judged = judgements::parse(tsv).unwrap();
    let judge = policyscope_coding::HumanCoder::new("judge").unwrap();
    let s = judgements::import(&store, &judged, &judge).unwrap();
    assert_eq!((s.positives, s.negatives, s.skipped_rows), (2, 2, 1));
    assert_eq!(s.missing_documents, ["not-here.md"]);
    let e = evaluate(&p, &book(""), &opts("judge", Scope::Decided)).unwrap();
    // Global: 参与国际标准 judged 1 and coded (TP), 发展团体标准 judged 0 and not coded (TN).
    let g = &e.codes[0];
    assert_eq!((g.units, g.counts.tp, g.counts.tn, g.counts.fp, g.counts.fn_), (2, 1, 1, 0, 0));
    let only_missing =
        judgements::parse("id\tstratum\tpath\tstart\tend\tGlobal\tnote\nj\ts\tx.md\t0\t2\t1\t\n").unwrap();
    assert!(judgements::import(&store, &only_missing, &judge).is_err());
}
