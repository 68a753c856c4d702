//! The Chinese word segmenter shared by search, citations and coding.
//!
//! One jieba instance with its embedded dictionary plus a small user
//! dictionary of words that policy texts use and the default dictionary
//! splits (issuing-body abbreviations, frequent policy terms).
//!
//! Indexing uses the whole dictionary, built once per process on first use
//! (over 100 ms); segmenting a query does not wait for it: [`query`] builds a
//! dictionary of the query's own characters that cuts it identically.

use std::sync::OnceLock;

pub mod query;

use jieba_rs::Jieba;

/// Words added to jieba's dictionary so that they stay whole.
const POLICY_WORDS: &[&str] = &[
    "国发",
    "国办发",
    "国函",
    "国办函",
    "国令",
    "工信部",
    "发改委",
    "国标委",
    "网信办",
    "标准化",
    "人工智能",
    "生成式",
    "个人信息",
    "数据安全",
    "网络安全",
    "算法推荐",
    "深度合成",
    "新一代",
    "标准体系",
    "国家标准",
    "行业标准",
    "团体标准",
    "企业标准",
    "地方标准",
    "知识产权",
    "产学研",
    "开源",
    "算力",
    "大模型",
    "元宇宙",
    "区块链",
    "物联网",
    "云计算",
    "大数据",
];

/// Frequency given to each of [`POLICY_WORDS`], high enough to keep it whole.
const POLICY_WORD_FREQ: usize = 20_000;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The shared segmenter with the whole dictionary, built on first use.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(|| {
        let mut j = Jieba::new();
        for w in POLICY_WORDS {
            j.add_word(w, Some(POLICY_WORD_FREQ), None);
        }
        j
    })
}

/// A word of a segmented text, with byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
}

/// Segments `text` for indexing: search mode, so that long words also yield
/// their dictionary sub-words (`个人信息` → `个人`, `信息`, `个人信息`).
/// White space and punctuation are dropped.
pub fn words_for_index(text: &str) -> Vec<Word<'_>> {
    jieba()
        .cut_for_search(text, true)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| Word {
            text: t.word,
            start: byte_offset(text, t.word),
            end: byte_offset(text, t.word) + t.word.len(),
        })
        .collect()
}

/// Segments a query string into words (precise mode, no overlaps), exactly
/// as [`jieba`] does, without building the whole dictionary if this process
/// has not built it yet.
pub fn words_for_query(text: &str) -> Vec<&str> {
    let tokens = match JIEBA.get() {
        Some(full) => full.cut(text, true),
        None => query::segmenter_for(text).cut(text, true),
    };
    tokens.into_iter().map(|t| t.word).filter(|w| w.chars().any(char::is_alphanumeric)).collect()
}

/// Byte offset of `part` inside `whole` when `part` is a sub-slice of it.
fn byte_offset(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize).min(whole.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_policy_words_and_offsets() {
        let text = "促进人工智能标准化";
        let words = words_for_index(text);
        assert!(words.iter().any(|w| w.text == "人工智能"), "{words:?}");
        for w in &words {
            assert_eq!(&text[w.start..w.end], w.text);
        }
        assert_eq!(words_for_query("人工智能 标准化"), vec!["人工智能", "标准化"]);
    }
}
