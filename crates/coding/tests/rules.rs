//! The rule language's Chinese-syntax features: clause scope, whole words,
//! required anchors, exclusions and context patterns, confidence.

use policyscope_coding::{Codebook, Engine, Hit};
use policyscope_text::{normalize_for_search, slice_chars, split_passages, SpanKind};
use proptest::prelude::*;

fn book(codes: &str) -> Codebook {
    Codebook::parse(&format!("[codebook]\nname = \"t\"\nversion = \"1\"\n{codes}")).unwrap()
}

fn run(book: &Codebook, text: &str) -> Vec<Hit> {
    let spans = split_passages(text);
    let pick = |k| spans.iter().filter(|s| s.kind == k).map(|s| (s.start, s.end)).collect::<Vec<_>>();
    Engine::new(book).unwrap().code(
        &normalize_for_search(text),
        &pick(SpanKind::Sentence),
        &pick(SpanKind::Paragraph),
    )
}

/// The coded texts.
fn coded(book: &Codebook, text: &str) -> Vec<String> {
    run(book, text).iter().map(|h| slice_chars(text, h.start, h.end).to_string()).collect()
}

/// The matched texts.
fn matched(book: &Codebook, text: &str) -> Vec<String> {
    run(book, text).iter().map(|h| slice_chars(text, h.match_start, h.match_end).to_string()).collect()
}

const NEAR: &str =
    "[[code]]\nname = \"A\"\n[[code.rule]]\nnear = { a = [\"人才培养\"], b = [\"标准化\"], within = 30";

#[test]
fn clause_scoped_proximity_does_not_cross_commas_or_list_marks() {
    let b = book(&format!("{NEAR} }}\n"));
    assert_eq!(coded(&b, "加强标准化人才培养。").len(), 1, "one clause");
    assert!(coded(&b, "加强人才培养、标准化建设。").is_empty(), "list items are not linked");
    assert!(coded(&b, "加强人才培养，推进标准化。").is_empty(), "separate clauses");
    assert!(coded(&b, "人才培养：标准化。").is_empty(), "colon");
}

#[test]
fn sentence_scope_lets_proximity_cross_clauses_but_not_sentences() {
    let b = book(&format!("{NEAR}, scope = \"sentence\" }}\n"));
    assert_eq!(coded(&b, "加强人才培养、标准化建设。"), vec!["加强人才培养、标准化建设。"]);
    assert!(coded(&b, "加强人才培养。推进标准化。").is_empty());
}

#[test]
fn terms_match_whole_words_of_the_segmenter_only() {
    let b = book(
        "[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"企业为主\", \"国际标准\"]\n",
    );
    assert!(matched(&b, "以全民所有制企业为主办单位的企业。").is_empty(), "企业/为/主办单位");
    assert_eq!(matched(&b, "坚持企业为主。"), vec!["企业为主"]);
    assert!(matched(&b, "加入国际标准化组织。").is_empty(), "国际标准 inside 国际标准化");
    assert_eq!(matched(&b, "采用国际标准。"), vec!["国际标准"]);
}

#[test]
fn a_star_or_the_substring_flag_lets_a_term_match_inside_words() {
    let star = book("[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"国际标准*\"]\n");
    assert_eq!(matched(&star, "加入国际标准化组织。"), vec!["国际标准"]);
    let lead = book("[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"*标准\"]\n");
    assert_eq!(matched(&lead, "采用国际标准。"), vec!["标准"]);
    let flag = book(
        "[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"企业为主\"]\nsubstring = true\n",
    );
    assert_eq!(matched(&flag, "以企业为主办单位。"), vec!["企业为主"]);
}

#[test]
fn required_anchors_keep_only_hits_with_an_anchor_in_scope() {
    let b = book(
        "[[code]]\nname = \"BRI\"\nanchors = { terms = [\"一带一路\", \"丝绸之路\"] }\n\
         [[code.rule]]\nterms = [\"国际市场\"]\n",
    );
    assert!(coded(&b, "开拓国际市场。").is_empty(), "no anchor anywhere");
    assert!(coded(&b, "开拓国际市场。共建一带一路。").is_empty(), "anchor in another sentence");
    assert_eq!(coded(&b, "依托一带一路开拓国际市场。"), vec!["依托一带一路开拓国际市场。"]);
    let clause = book(
        "[[code]]\nname = \"BRI\"\nanchors = { terms = [\"一带一路\"], scope = \"clause\" }\n\
         [[code.rule]]\nterms = [\"国际市场\"]\n",
    );
    assert!(coded(&clause, "共建一带一路，开拓国际市场。").is_empty());
    assert_eq!(coded(&clause, "以一带一路开拓国际市场。").len(), 1);
}

#[test]
fn context_patterns_drop_terms_inside_compliance_phrasing() {
    let b = book(
        "[[code]]\nname = \"A\"\nnot_in = [\"(符合|执行|达到)[^，；。]{0,12}标准\"]\n\
         [[code.rule]]\nterms = [\"国家标准\"]\n",
    );
    assert!(coded(&b, "产品应当符合国家标准。").is_empty());
    assert!(coded(&b, "严格执行有关国家标准。").is_empty());
    assert_eq!(coded(&b, "组织制定国家标准。").len(), 1);
    // The pattern only silences the occurrence inside it.
    assert_eq!(coded(&b, "产品应当符合要求，组织制定国家标准。").len(), 1);
}

#[test]
fn exclusion_phrases_drop_hits_even_inside_words() {
    let b =
        book("[[code]]\nname = \"A\"\nexclude = [\"国家标准局\"]\n[[code.rule]]\nterms = [\"国家标准\"]\n");
    assert!(coded(&b, "由国家标准局发布。").is_empty(), "an agency, not a standard");
    assert_eq!(coded(&b, "发布国家标准。").len(), 1);
}

#[test]
fn the_most_confident_rule_is_recorded_and_its_confidence_kept() {
    let b = book(
        "[[code]]\nname = \"A\"\n\
         [[code.rule]]\nid = \"weak\"\nterms = [\"标准化\"]\nconfidence = 0.3\n\
         [[code.rule]]\nid = \"strong\"\nterms = [\"标准化人才\"]\nconfidence = 0.9\n",
    );
    let hits = run(&b, "培养标准化人才。");
    assert_eq!(hits.len(), 1);
    assert_eq!(b.codes[0].rules[hits[0].rule].id, "strong");
    assert!((hits[0].confidence.value() - 0.9).abs() < 1e-9);
    let hits = run(&b, "推进标准化。");
    assert_eq!(b.codes[0].rules[hits[0].rule].id, "weak");
    assert!((hits[0].confidence.value() - 0.3).abs() < 1e-9);
}

#[test]
fn proposals_store_their_rules_confidence_and_the_queue_orders_by_it() {
    use policyscope_coding::{order_by_confidence, rule_confidences, run_codebook, CodingStore, RunOptions};
    use policyscope_corpus::import::{import_paths, ImportOptions};
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a(2020-01-01).md"), "# 甲\n\n发展团体标准。\n\n参与国际标准。\n").unwrap();
    let mut p = policyscope_corpus::Project::init(&dir.path().join("p")).unwrap();
    assert_eq!(import_paths(&mut p, &[docs], &ImportOptions::default(), &mut |_| {}).imported(), 1);
    let b = book(
        "[[code]]\nname = \"Market\"\n[[code.rule]]\nterms = [\"团体标准\"]\nconfidence = 0.4\n\
         [[code]]\nname = \"Global\"\n[[code.rule]]\nterms = [\"国际标准\"]\nconfidence = 0.9\n",
    );
    let store = CodingStore::open(&p).unwrap();
    run_codebook(&store, &b, RunOptions::default(), &mut |_, _| {}).unwrap();
    let mut all = store.codings(&policyscope_coding::CodingFilter::default()).unwrap();
    assert_eq!(all.iter().map(|c| c.code_path.as_str()).collect::<Vec<_>>(), vec!["Market", "Global"]);
    let confidence = rule_confidences(&store).unwrap();
    let stored: Vec<f64> = all.iter().map(|c| confidence[&c.id]).collect();
    assert_eq!(stored, vec![0.4, 0.9]);
    order_by_confidence(&mut all, |c| c.id, &confidence);
    assert_eq!(all.iter().map(|c| c.code_path.as_str()).collect::<Vec<_>>(), vec!["Global", "Market"]);
}

proptest! {
    #[test]
    fn every_rule_feature_keeps_hits_inside_the_text(text in "[标准国际化团体一带路符合，、；。\\n]{0,80}") {
        let b = book(
            "[[code]]\nname = \"A\"\nanchors = { terms = [\"一带一路\"], scope = \"clause\" }\n\
             not_in = [\"符合.{0,3}标准\"]\n[[code.rule]]\nterms = [\"*标准\", \"国际*\"]\nconfidence = 0.7\n\
             [[code]]\nname = \"B\"\nunit = \"match\"\n[[code.rule]]\nnear = { a = [\"标准\"], b = [\"团体\"], within = 5 }\n\
             exclude = [\"国际\"]\n",
        );
        let n = text.chars().count();
        let hits = run(&b, &text);
        for h in &hits {
            prop_assert!(h.start < h.end && h.end <= n);
            prop_assert!(h.start <= h.match_start && h.match_end <= h.end && h.match_start < h.match_end);
        }
    }
}
