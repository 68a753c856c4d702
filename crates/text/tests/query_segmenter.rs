//! The query segmenter, built from the dictionary entries of a text's own
//! characters, cuts every text exactly as the whole dictionary does: the
//! benchmark's queries, and random stretches of the shared corpus.

use policyscope_text::segment::{jieba, query::segmenter_for};
use proptest::prelude::*;

/// Words of `text` cut by the whole dictionary and by the query segmenter,
/// in precise mode with and without the HMM and in search mode.
fn both(text: &str) -> [(Vec<String>, Vec<String>); 3] {
    let part = segmenter_for(text);
    let words = |t: Vec<jieba_rs::Token<'_>>| t.into_iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
    [
        (words(jieba().cut(text, true)), words(part.cut(text, true))),
        (words(jieba().cut(text, false)), words(part.cut(text, false))),
        (words(jieba().cut_for_search(text, true)), words(part.cut_for_search(text, true))),
    ]
}

fn assert_same(text: &str) {
    for (mode, (full, part)) in ["cut", "cut without HMM", "cut for search"].iter().zip(both(text)) {
        assert_eq!(part, full, "{mode} of {text:?}");
    }
}

#[test]
fn query_segmenter_cuts_every_benchmark_query_like_the_full_dictionary() {
    let path = policyscope_testkit::repo_root().join("bench/queries.txt");
    let queries =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut n = 0;
    for q in queries.lines().filter(|l| !l.trim().is_empty()) {
        assert_same(q);
        assert_same(&policyscope_text::normalize_for_search(q));
        n += 1;
    }
    assert!(n >= 100, "only {n} queries in {}", path.display());
}

/// Every text of the laws corpus, in a stable order.
fn corpus_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| {
        let root = policyscope_testkit::shared("corpus/laws");
        let mut paths = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            let entries =
                std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
        assert!(texts.len() > 1000, "{} holds only {} texts", root.display(), texts.len());
        texts
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn query_segmenter_cuts_random_corpus_text_like_the_full_dictionary(
        doc in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        len in 1usize..120,
    ) {
        let texts = corpus_texts();
        let text = &texts[doc.index(texts.len())];
        let chars: Vec<char> = text.chars().collect();
        prop_assume!(!chars.is_empty());
        let start = at.index(chars.len());
        let piece: String = chars[start..(start + len).min(chars.len())].iter().collect();
        for (full, part) in both(&piece) {
            prop_assert_eq!(part, full, "{:?}", piece);
        }
    }
}
