//! The auto-coder's defined behaviour where hits meet.

use policyscope_coding::{Codebook, Engine, Hit};
use policyscope_text::{normalize_for_search, slice_chars, split_passages, SpanKind};
use proptest::prelude::*;

fn book(rules: &str) -> Codebook {
    Codebook::parse(&format!("[codebook]\nname = \"t\"\nversion = \"1\"\n{rules}")).unwrap()
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

/// (code path, coded text, matched text) of every hit.
fn show(book: &Codebook, text: &str) -> Vec<(String, String, String)> {
    run(book, text)
        .iter()
        .map(|h| {
            (
                book.codes[h.code].path.clone(),
                slice_chars(text, h.start, h.end).to_string(),
                slice_chars(text, h.match_start, h.match_end).to_string(),
            )
        })
        .collect()
}

#[test]
fn several_codes_may_code_the_same_sentence() {
    let b = book(
        "[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"国际标准\"]\n\
         [[code]]\nname = \"B\"\n[[code.rule]]\nterms = [\"*标准\"]\n",
    );
    // (B's term is marked to match inside the word 国际标准.)
    let got = show(&b, "参与国际标准。其他。");
    assert_eq!(
        got,
        vec![
            ("A".into(), "参与国际标准。".into(), "国际标准".into()),
            ("B".into(), "参与国际标准。".into(), "标准".into()),
        ]
    );
}

#[test]
fn a_term_inside_a_longer_term_of_the_same_code_codes_once() {
    let b =
        book("[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"标准\", \"国际标准\"]\n");
    let got = show(&b, "国际标准与标准");
    assert_eq!(
        got,
        vec![("A".into(), "国际标准".into(), "国际标准".into()), ("A".into(), "标准".into(), "标准".into())]
    );
    // With a sentence unit, several hits in one sentence make one coding,
    // recording the first rule's first hit.
    let b = book(
        "[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"标准\"]\n[[code.rule]]\nterms = [\"国际\"]\n",
    );
    assert_eq!(show(&b, "国际标准与标准。"), vec![("A".into(), "国际标准与标准。".into(), "标准".into())]);
}

#[test]
fn exclusions_drop_hits_in_their_unit_only() {
    let b = book("[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"团体标准\"]\nexclude = [\"禁止\"]\n");
    let got = show(&b, "发展团体标准。禁止以团体标准排除竞争。");
    assert_eq!(got, vec![("A".into(), "发展团体标准。".into(), "团体标准".into())]);
    let b = book(
        "[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"团体标准\"]\nexclude = [\"禁止\"]\nunit = \"paragraph\"\n",
    );
    assert!(show(&b, "发展团体标准。禁止以团体标准排除竞争。").is_empty());
}

#[test]
fn proximity_needs_the_window_and_the_same_sentence() {
    let b = book("[[code]]\nname = \"A\"\n[[code.rule]]\nnear = { a = [\"国际合作\"], b = [\"标准化\"], within = 4, scope = \"sentence\" }\n");
    assert_eq!(show(&b, "标准化方面的国际合作。").len(), 1);
    assert_eq!(show(&b, "国际合作，以及标准化。").len(), 1, "gap of 3 <= 4");
    assert_eq!(show(&b, "国际合作，以及其他的标准化。").len(), 0, "gap of 6 > 4");
    assert_eq!(show(&b, "国际合作。标准化。").len(), 0, "different sentences");
    let b = book(
        "[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nnear = { a = [\"国际合作\"], b = [\"标准化\"], within = 10 }\n",
    );
    assert_eq!(
        show(&b, "在标准化方面的国际合作中"),
        vec![("A".into(), "标准化方面的国际合作".into(), "标准化方面的国际合作".into())]
    );
}

#[test]
fn ascii_terms_match_whole_words_and_star_allows_endings() {
    let b =
        book("[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"ipr\", \"standard*\"]\n");
    let got: Vec<String> =
        show(&b, "IPRs and IPR; Standardization, substandard").into_iter().map(|x| x.2).collect();
    assert_eq!(got, vec!["IPR".to_string(), "Standardization".to_string()]);
}

#[test]
fn offsets_are_those_of_the_original_text() {
    // Traditional characters and full-width letters in the text, simplified
    // and half-width terms in the codebook.
    let b =
        book("[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nterms = [\"国际标准\", \"iso\"]\n");
    let got = show(&b, "參與國際標準與ＩＳＯ");
    assert_eq!(
        got,
        vec![
            ("A".into(), "國際標準".into(), "國際標準".into()),
            ("A".into(), "ＩＳＯ".into(), "ＩＳＯ".into())
        ]
    );
}

#[test]
fn regexes_code_and_never_blow_up() {
    let b = book("[[code]]\nname = \"A\"\nunit = \"match\"\n[[code.rule]]\nregex = \"(a+)+b\"\n");
    let text = "a".repeat(50_000);
    let started = std::time::Instant::now();
    assert!(run(&b, &text).is_empty());
    assert!(started.elapsed().as_secs() < 5, "linear-time engine");
    assert_eq!(show(&b, "xaab")[0].2, "aab");
}

#[test]
fn a_codebook_without_rules_codes_nothing() {
    let b = book("[[code]]\nname = \"A\"\n");
    assert!(run(&b, "任何文字。").is_empty());
    assert_eq!(Engine::new(&b).unwrap().pattern_count(), 0);
}

proptest! {
    #[test]
    fn hits_lie_inside_the_text_and_hold_their_match(text in "[标准国际化团体 .。\\na-zIS]{0,80}") {
        let b = book(
            "[[code]]\nname = \"A\"\n[[code.rule]]\nterms = [\"标准\", \"国际\", \"is\"]\n\
             [[code]]\nname = \"B\"\nunit = \"match\"\n[[code.rule]]\nnear = { a = [\"标准\"], b = [\"团体\"], within = 5 }\n\
             [[code]]\nname = \"C\"\nunit = \"paragraph\"\n[[code.rule]]\nregex = \"化+\"\nexclude = [\"s\"]\n",
        );
        let n = text.chars().count();
        let hits = run(&b, &text);
        for h in &hits {
            prop_assert!(h.start < h.end && h.end <= n);
            prop_assert!(h.start <= h.match_start && h.match_end <= h.end && h.match_start < h.match_end);
        }
        let mut keys: Vec<_> = hits.iter().map(|h| (h.code, h.start, h.end)).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        prop_assert_eq!(before, keys.len(), "one hit per code and span");
    }
}
