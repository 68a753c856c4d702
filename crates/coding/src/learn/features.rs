//! The features a sentence is seen through: the segmenter's words and the
//! character bigrams and trigrams of the search view, hashed into a fixed
//! number of dimensions.
//!
//! Hashing (FNV-1a, a fixed function) keeps a model a plain weight vector
//! that needs no vocabulary to be stored beside it and gives the same
//! features on every machine; words catch the terms the coders react to,
//! character n-grams the Chinese words the segmenter splits differently in
//! different contexts.

/// Bits of the feature space: 2^18 weights per code.
pub const FEATURE_BITS: u32 = 18;

/// Number of dimensions.
pub const DIMENSIONS: usize = 1 << FEATURE_BITS;

/// Version of the feature extraction, stored with every model: a model is
/// only applied to features made the same way.
pub const FEATURES_VERSION: &str = "jieba-dict-words+char2+char3/fnv1a/2^18/v1";

/// Longest text looked at, in characters: a "sentence" longer than this
/// (a table flattened into one line) is cut, so one unit cannot make a
/// model slow.
pub const MAX_UNIT_CHARS: usize = 2_000;

/// A sparse feature vector: sorted distinct indices with L2-normalised
/// values, so long and short sentences weigh alike.
pub type Features = Vec<(u32, f32)>;

/// The features of one unit of the search view.
pub fn features(text: &str) -> Features {
    let text = match text.char_indices().nth(MAX_UNIT_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let mut idx: Vec<u32> = Vec::new();
    // Dictionary words only (no HMM guessing of unknown words): twice as
    // fast over a whole corpus, and the character n-grams below already see
    // the words the dictionary lacks.
    for token in policyscope_text::segment::jieba().cut(text, false) {
        if token.word.chars().any(char::is_alphanumeric) {
            idx.push(hash(b'w', token.word));
        }
    }
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut buf = String::new();
    for n in [2usize, 3] {
        for gram in chars.windows(n) {
            buf.clear();
            buf.extend(gram);
            idx.push(hash(b'0' + n as u8, &buf));
        }
    }
    idx.sort_unstable();
    idx.dedup();
    let value = if idx.is_empty() { 0.0 } else { 1.0 / (idx.len() as f32).sqrt() };
    idx.into_iter().map(|i| (i, value)).collect()
}

/// FNV-1a over a kind tag and the text, folded into [`DIMENSIONS`].
fn hash(kind: u8, text: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(kind).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // Fold the high bits in: FNV's low bits alone mix poorly.
    ((h ^ (h >> 32)) as u32) & (DIMENSIONS as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn same_text_same_features_and_unit_length() {
        let a = features("推动中国标准走出去，参与国际标准制定。");
        assert_eq!(a, features("推动中国标准走出去，参与国际标准制定。"));
        let norm: f32 = a.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        assert!(a.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(features("。，").is_empty());
    }

    proptest! {
        #[test]
        fn any_text_gives_bounded_sorted_features(text in "\\PC{0,300}") {
            let f = features(&text);
            prop_assert!(f.iter().all(|(i, v)| (*i as usize) < DIMENSIONS && v.is_finite()));
            prop_assert!(f.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }
}
