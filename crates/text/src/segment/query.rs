//! A segmenter for short texts (queries) that does not build the whole
//! dictionary.
//!
//! Building jieba's full dictionary takes over 100 ms (most of it inserting
//! 349,045 words into its trie), which a one-off search would pay to cut a
//! few words. Segmenting a text only ever looks up words that occur in it,
//! so a dictionary holding every word made of the text's characters, with
//! the same frequencies and the same total, cuts it exactly as the full one
//! does: the same candidate words, the same log-probabilities, the same
//! route, the same HMM runs. The entries are found through an index by
//! first character made at build time (`build.rs`), so only the lines of
//! those characters are read.
//!
//! The dictionary file is the one jieba-rs embeds (MIT licence, from the
//! jieba project); a test checks that both cut alike.

use std::sync::{Arc, Mutex};

use jieba_rs::Jieba;

use super::{POLICY_WORDS, POLICY_WORD_FREQ};

include!(concat!(env!("OUT_DIR"), "/dict_index.rs"));

/// The dictionary text: `word freq tag` lines sorted by word.
static DICT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba-dict.txt"));

/// Up to this many distinct characters, a new text's characters join the
/// cached segmenter's, so that the parts of one query (its words, then its
/// snippets' terms) share one build; beyond it the segmenter is rebuilt
/// for the new text alone.
const MAX_CACHED_CHARS: usize = 256;

/// One built sub-dictionary segmenter and the characters it covers.
struct Cached {
    /// Sorted, distinct.
    chars: Vec<char>,
    jieba: Arc<Jieba>,
}

static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

/// A segmenter that cuts `text`, and any text made of its characters,
/// exactly as [`super::jieba`] does, built from the dictionary entries of
/// those characters only. The last one built is kept and reused.
pub fn segmenter_for(text: &str) -> Arc<Jieba> {
    let mut wanted: Vec<char> = text.chars().collect();
    wanted.sort_unstable();
    wanted.dedup();
    // A poisoned lock only means another thread panicked while building;
    // the cache is then rebuilt.
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = cache.as_ref() {
        if wanted.iter().all(|w| c.chars.binary_search(w).is_ok()) {
            return Arc::clone(&c.jieba);
        }
    }
    let chars = match cache.as_ref() {
        Some(c) => {
            let mut union: Vec<char> = c.chars.iter().chain(&wanted).copied().collect();
            union.sort_unstable();
            union.dedup();
            if union.len() <= MAX_CACHED_CHARS {
                union
            } else {
                wanted
            }
        }
        None => wanted,
    };
    let jieba = Arc::new(build(&chars));
    *cache = Some(Cached { chars, jieba: Arc::clone(&jieba) });
    jieba
}

/// The dictionary restricted to words made only of `chars` (sorted,
/// distinct), with the policy words, and with the full dictionary's total.
fn build(chars: &[char]) -> Jieba {
    let within = |w: &str| w.chars().all(|c| chars.binary_search(&c).is_ok());
    let mut jieba = Jieba::empty();
    let mut kept: u64 = 0;
    for &c in chars {
        for (word, freq, tag) in entries_starting_with(c) {
            if within(word) {
                // A policy word's frequency is set below, as the full
                // segmenter's `add_word` sets it over the dictionary's.
                jieba.add_word(word, Some(freq as usize), Some(tag));
                kept += freq;
            }
        }
    }
    for w in POLICY_WORDS.iter().copied().filter(|w| within(w)) {
        kept -= dict_freq(w).unwrap_or(0);
        jieba.add_word(w, Some(POLICY_WORD_FREQ), None);
        kept += POLICY_WORD_FREQ as u64;
    }
    // The words left out still count in the total every probability is
    // relative to: one entry no text segmented here can contain (a character
    // outside `chars`) carries their frequency.
    let rest = full_total().saturating_sub(kept);
    if let Some(absent) =
        (0..=0x10_FFFDu32).rev().filter_map(char::from_u32).find(|c| chars.binary_search(c).is_err())
    {
        jieba.add_word(absent.encode_utf8(&mut [0; 4]), Some(rest as usize), None);
    }
    jieba
}

/// The total frequency of the full segmenter's dictionary: the file's, with
/// the policy words' frequencies in place of the file's.
fn full_total() -> u64 {
    POLICY_WORDS
        .iter()
        .fold(DICT_TOTAL, |total, w| total - dict_freq(w).unwrap_or(0) + POLICY_WORD_FREQ as u64)
}

/// The file's frequency of `word`, if the file has it.
fn dict_freq(word: &str) -> Option<u64> {
    let first = word.chars().next()?;
    entries_starting_with(first).find(|(w, _, _)| *w == word).map(|(_, f, _)| f)
}

/// The dictionary entries whose word starts with `c`: `(word, freq, tag)`.
fn entries_starting_with(c: char) -> impl Iterator<Item = (&'static str, u64, &'static str)> {
    let lines = match FIRST_CHAR.binary_search_by_key(&c, |&(first, _, _)| first) {
        Ok(i) => {
            let (_, start, end) = FIRST_CHAR[i];
            DICT.get(start as usize..end as usize).unwrap_or("")
        }
        Err(_) => "",
    };
    lines.lines().filter_map(|line| {
        let mut fields = line.split_ascii_whitespace();
        let word = fields.next()?;
        // The build script has checked every frequency.
        let freq = fields.next()?.parse().ok()?;
        Some((word, freq, fields.next().unwrap_or("")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_the_entries_of_a_first_character() {
        let words: Vec<&str> = entries_starting_with('标').map(|(w, _, _)| w).collect();
        assert!(words.contains(&"标准"), "{} entries", words.len());
        assert!(words.iter().all(|w| w.starts_with('标')));
        assert_eq!(entries_starting_with('\u{E000}').count(), 0);
    }

    #[test]
    fn cached_segmenter_is_reused_for_a_text_within_its_characters() {
        let a = segmenter_for("标准化工作");
        let b = segmenter_for("标准");
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn restricted_segmenter_cuts_like_the_full_one() {
        for text in ["促进人工智能标准化", "国办发〔2020〕12号", "南京市长江大桥", "他来到了网易杭研大厦"]
        {
            let full: Vec<&str> = super::super::jieba().cut(text, true).into_iter().map(|t| t.word).collect();
            let part: Vec<&str> = build_for(text).cut(text, true).into_iter().map(|t| t.word).collect();
            assert_eq!(part, full, "{text}");
        }
    }

    fn build_for(text: &str) -> Jieba {
        let mut chars: Vec<char> = text.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        build(&chars)
    }
}
