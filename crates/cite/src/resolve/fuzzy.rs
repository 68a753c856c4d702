//! Fuzzy title matching with a score, and the rule that decides when a
//! fuzzy match is safe enough to count as resolved.
//!
//! Candidates are found through shared character bigrams, scored by
//! normalised Levenshtein distance over code points. A fuzzy match resolves
//! only when the shorter key is a subsequence of the longer one (words left
//! out or added, such as `暂行` or `的`, never characters replaced — a
//! replaced character is usually another place, year or subject), no
//! numeral differs, both end in the same document type, the score reaches
//! [`RESOLVE_AT`] and no other key comes close. Everything else stays
//! unresolved with its candidates listed.

use std::collections::HashMap;

use policyscope_corpus::metadata::doc_type_from_title;

use super::normalize::is_numeral;

/// Score from which a safe fuzzy match resolves.
pub const RESOLVE_AT: f64 = 0.8;
/// Score from which a key is listed as a candidate.
pub const CANDIDATE_AT: f64 = 0.5;
/// How far ahead of the second-best key the best must be.
const MARGIN: f64 = 0.05;

/// An index of keys for fuzzy lookup.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    keys: Vec<String>,
    bigrams: HashMap<(char, char), Vec<usize>>,
}

fn bigrams(key: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = key.chars().collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The outcome of a fuzzy lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyResult {
    /// Keys with scores, best first (at most five).
    pub candidates: Vec<(String, f64)>,
    /// The key the reference safely resolves to, if any.
    pub resolved: Option<String>,
}

impl FuzzyIndex {
    /// Builds the index over distinct keys.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> FuzzyIndex {
        let mut index = FuzzyIndex::default();
        let mut seen = std::collections::HashSet::new();
        for k in keys {
            if k.is_empty() || !seen.insert(k.to_string()) {
                continue;
            }
            let i = index.keys.len();
            index.keys.push(k.to_string());
            for b in bigrams(k) {
                index.bigrams.entry(b).or_default().push(i);
            }
        }
        index
    }

    /// Looks `key` up.
    pub fn lookup(&self, key: &str) -> FuzzyResult {
        let grams = bigrams(key);
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for g in &grams {
            for &i in self.bigrams.get(g).map(Vec::as_slice).unwrap_or(&[]) {
                *shared.entry(i).or_default() += 1;
            }
        }
        let need = grams.len().div_ceil(3).max(1);
        let mut scored: Vec<(usize, f64)> = shared
            .into_iter()
            .filter(|&(_, n)| n >= need)
            .map(|(i, _)| (i, strsim::normalized_levenshtein(key, &self.keys[i])))
            .filter(|&(_, s)| s >= CANDIDATE_AT)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(self.keys[a.0].cmp(&self.keys[b.0])));
        scored.truncate(5);
        let resolved = match scored.as_slice() {
            [(best, s), rest @ ..]
                if *s >= RESOLVE_AT
                    && rest.first().is_none_or(|(_, s2)| s - s2 >= MARGIN)
                    && safe_pair(key, &self.keys[*best]) =>
            {
                Some(self.keys[*best].clone())
            }
            _ => None,
        };
        FuzzyResult { candidates: scored.into_iter().map(|(i, s)| (self.keys[i].clone(), s)).collect(), resolved }
    }
}

/// Whether two keys differ only by left-out characters that are not
/// numerals, and end in the same document type.
pub fn safe_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    // `暂行办法` and `办法` are the same type; `实施办法` and `办法` are not.
    let kind = |t: &str| doc_type_from_title(t).map(|k| k.trim_start_matches("暂行").to_string());
    if kind(short) != kind(long) {
        return false;
    }
    let mut extra = Vec::new();
    let mut it = short.chars().peekable();
    for c in long.chars() {
        if it.peek() == Some(&c) {
            it.next();
        } else {
            extra.push(c);
        }
    }
    it.peek().is_none() && !extra.iter().any(|&c| is_numeral(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_safe_matches() {
        let idx = FuzzyIndex::new(["互联网信息服务管理暂行办法", "河南省消费者权益保护条例", "国务院2023年度立法工作计划"]);
        let r = idx.lookup("互联网信息服务管理办法");
        assert_eq!(r.resolved.as_deref(), Some("互联网信息服务管理暂行办法"));
        let r = idx.lookup("河北省消费者权益保护条例");
        assert!(r.resolved.is_none());
        assert_eq!(r.candidates[0].0, "河南省消费者权益保护条例");
        assert!(idx.lookup("国务院2024年度立法工作计划").resolved.is_none());
        assert!(idx.lookup("完全无关的题目").candidates.is_empty());
    }

    #[test]
    fn subsequence_rule() {
        assert!(safe_pair("数据安全管理办法", "数据安全管理暂行办法"));
        assert!(!safe_pair("数据安全法", "数据安全法实施条例"));
        assert!(!safe_pair("十三五规划", "十四五规划"));
    }
}
