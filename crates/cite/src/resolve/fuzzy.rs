//! Fuzzy title matching with a score, and the rule that decides when a
//! fuzzy match is safe enough to count as resolved.
//!
//! Candidates are found through shared character bigrams, scored by
//! normalised Levenshtein distance over code points. A fuzzy match resolves
//! only when the two keys name the same document written differently (words left
//! out or added, never replaced), and only the issuing body in front or
//! function characters (`的`, `和`, `、` …) differ ([`safe_pair`]), the score
//! reaches [`RESOLVE_AT`] and no other key comes close. A dropped `暂行` or a
//! changed word is often a different document — the one that replaced the
//! cited one — so everything else stays unresolved with its candidates.

use std::collections::HashMap;

/// Score from which a safe fuzzy match resolves.
pub const RESOLVE_AT: f64 = 0.6;
/// Score from which a key is listed as a candidate.
pub const CANDIDATE_AT: f64 = 0.5;
/// How far ahead of the second-best key the best must be.
const MARGIN: f64 = 0.05;

/// An index of keys for fuzzy lookup.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    keys: Vec<String>,
    /// Each key's length in characters.
    key_chars: Vec<usize>,
    /// Each key's distinct bigrams, sorted.
    key_bigrams: Vec<Vec<(char, char)>>,
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
            index.key_chars.push(k.chars().count());
            let grams = bigrams(k);
            for &b in &grams {
                index.bigrams.entry(b).or_default().push(i);
            }
            index.key_bigrams.push(grams);
        }
        index
    }

    /// Looks `key` up: the keys sharing at least a third of its bigrams,
    /// scored, those from [`CANDIDATE_AT`] kept.
    ///
    /// A key sharing `need` of the `g` bigrams shares one of any `g - need + 1`
    /// of them, so candidates are gathered from the rarest `g - need + 1`
    /// only: in a large corpus the common bigrams (`条例`, `管理`) would
    /// otherwise make every lookup visit most keys.
    pub fn lookup(&self, key: &str) -> FuzzyResult {
        let grams = bigrams(key);
        let need = grams.len().div_ceil(3).max(1);
        let mut postings: Vec<&[usize]> =
            grams.iter().map(|g| self.bigrams.get(g).map_or(&[][..], Vec::as_slice)).collect();
        postings.sort_unstable_by_key(|p| p.len());
        let mut candidates: Vec<usize> = postings
            .iter()
            .take((grams.len() + 1).saturating_sub(need))
            .flat_map(|p| p.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let key_len = key.chars().count();
        let mut scored: Vec<(usize, f64)> = candidates
            .into_iter()
            .filter(|&i| {
                // The distance is at least the difference in length: a key
                // whose length alone keeps it below the bar is not scored.
                // (Checked first: it costs nothing, counting bigrams does.)
                let other = self.key_chars[i];
                let longer = key_len.max(other) as f64;
                1.0 - key_len.abs_diff(other) as f64 / longer >= CANDIDATE_AT
            })
            .filter(|&i| shared_count(&grams, &self.key_bigrams[i]) >= need)
            .map(|i| (i, super::levenshtein::normalized(key, &self.keys[i])))
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
        FuzzyResult {
            candidates: scored.into_iter().map(|(i, s)| (self.keys[i].clone(), s)).collect(),
            resolved,
        }
    }
}

/// How many of the sorted distinct bigrams `a` are also in the sorted `b`.
fn shared_count(a: &[(char, char)], b: &[(char, char)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Issuing bodies often left out in front of a title, longest first.
const ISSUER_PREFIXES: &[&str] = &[
    "全国人民代表大会常务委员会",
    "最高人民法院最高人民检察院",
    "最高人民检察院",
    "最高人民法院",
    "国务院办公厅",
    "中共中央办公厅",
    "中共中央",
    "国务院",
];

/// A key with what is written or left out freely removed: a leading
/// issuing body and the function characters `的和与及、`.
fn formal_core(key: &str) -> String {
    let mut k = key;
    while let Some(p) = ISSUER_PREFIXES.iter().find(|p| k.starts_with(*p) && k.len() > p.len()) {
        k = &k[p.len()..];
    }
    k.chars().filter(|c| !matches!(c, '的' | '和' | '与' | '及' | '、' | ',' | '，')).collect()
}

/// Whether two keys name the same document written differently: they
/// agree once a leading issuing body and function characters are removed.
/// Anything else — `暂行` dropped, a place or a word changed — can be a
/// different document (often the one that replaced it), so it is only a
/// candidate.
pub fn safe_pair(a: &str, b: &str) -> bool {
    let (ca, cb) = (formal_core(a), formal_core(b));
    !ca.is_empty() && ca == cb && !ca.chars().all(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_safe_matches() {
        let idx = FuzzyIndex::new([
            "最高人民法院关于审理期货纠纷案件若干问题的规定",
            "互联网信息服务管理暂行办法",
            "河南省消费者权益保护条例",
            "国务院2023年度立法工作计划",
        ]);
        let r = idx.lookup("关于审理期货纠纷案件若干问题规定");
        assert_eq!(r.resolved.as_deref(), Some("最高人民法院关于审理期货纠纷案件若干问题的规定"));
        let r = idx.lookup("互联网信息服务管理办法");
        assert!(r.resolved.is_none());
        assert_eq!(r.candidates[0].0, "互联网信息服务管理暂行办法");
        let r = idx.lookup("河北省消费者权益保护条例");
        assert!(r.resolved.is_none());
        assert_eq!(r.candidates[0].0, "河南省消费者权益保护条例");
        assert!(idx.lookup("国务院2024年度立法工作计划").resolved.is_none());
        assert!(idx.lookup("完全无关的题目").candidates.is_empty());
    }

    /// The lookup as first written: every key sharing a bigram is counted,
    /// every key sharing enough is scored with `strsim`.
    fn exhaustive_lookup(keys: &[String], key: &str) -> Vec<(String, f64)> {
        let grams = bigrams(key);
        let need = grams.len().div_ceil(3).max(1);
        let mut distinct: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
        distinct.sort();
        distinct.dedup();
        let mut scored: Vec<(String, f64)> = distinct
            .into_iter()
            .filter(|k| grams.iter().filter(|g| bigrams(k).contains(g)).count() >= need)
            .map(|k| (k.clone(), strsim::normalized_levenshtein(key, k)))
            .filter(|&(_, s)| s >= CANDIDATE_AT)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(5);
        scored
    }

    proptest::proptest! {
        #[test]
        fn lookup_finds_what_scoring_every_key_finds(
            keys in proptest::collection::vec("[数据安全管理办法条例暂行省]{0,9}", 0..40),
            key in "[数据安全管理办法条例暂行省]{0,9}",
        ) {
            let index = FuzzyIndex::new(keys.iter().map(String::as_str));
            proptest::prop_assert_eq!(index.lookup(&key).candidates, exhaustive_lookup(&keys, &key));
        }
    }

    #[test]
    fn formal_differences_only() {
        assert!(safe_pair(
            "关于冻结拍卖上市公司国有股的规定",
            "最高人民法院关于冻结、拍卖上市公司国有股的规定"
        ));
        assert!(!safe_pair("数据安全管理办法", "数据安全管理暂行办法"));
        assert!(!safe_pair("数据安全法", "数据安全法实施条例"));
        assert!(!safe_pair("山东省强制检定的工作计量器具检定管理办法", "强制检定的工作计量器具检定管理办法"));
        assert!(!safe_pair("的", "和"));
    }
}
