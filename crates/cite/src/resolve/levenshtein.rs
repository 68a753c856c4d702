//! Levenshtein distance over code points, bit-parallel (Myers, in Hyyrö's
//! formulation): one pass over the second string with a 64-bit column per
//! character instead of a row of counters, so scoring the thousands of
//! candidate titles a lookup in a large corpus finds stays cheap. Strings
//! of more than 64 characters on both sides fall back to `strsim`.

/// The key chars of a pattern of at most 64 code points, each with the
/// bits of the positions it occupies, sorted by char for a binary search.
struct Pattern {
    masks: Vec<(char, u64)>,
    len: usize,
}

impl Pattern {
    fn new(chars: &[char]) -> Pattern {
        let mut masks: Vec<(char, u64)> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match masks.iter_mut().find(|(d, _)| *d == c) {
                Some((_, m)) => *m |= 1 << i,
                None => masks.push((c, 1 << i)),
            }
        }
        masks.sort_unstable_by_key(|&(c, _)| c);
        Pattern { masks, len: chars.len() }
    }

    fn mask(&self, c: char) -> u64 {
        self.masks.binary_search_by_key(&c, |&(d, _)| d).map_or(0, |i| self.masks[i].1)
    }

    /// Edit distance between the pattern and `text`.
    fn distance(&self, text: impl Iterator<Item = char>) -> usize {
        let mut dist = self.len;
        if self.len == 0 {
            return text.count();
        }
        let last = 1u64 << (self.len - 1);
        let (mut vp, mut vn) = (!0u64, 0u64);
        for c in text {
            let x = self.mask(c);
            let d0 = (((x & vp).wrapping_add(vp)) ^ vp) | x | vn;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            if hp & last != 0 {
                dist += 1;
            }
            if hn & last != 0 {
                dist -= 1;
            }
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
        }
        dist
    }
}

/// Levenshtein distance between `a` and `b`, counted in code points; the
/// same number as `strsim::levenshtein`.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    let chars: Vec<char> = short.chars().collect();
    if chars.len() > 64 {
        return strsim::levenshtein(a, b);
    }
    Pattern::new(&chars).distance(long.chars())
}

/// `1 - distance / longer length`, 1 for two empty strings; the same number
/// as `strsim::normalized_levenshtein`.
pub fn normalized(a: &str, b: &str) -> f64 {
    let longer = a.chars().count().max(b.chars().count());
    if longer == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn distances_of_titles() {
        assert_eq!(levenshtein("互联网信息服务管理办法", "互联网信息服务管理暂行办法"), 2);
        assert_eq!(levenshtein("", "数据安全法"), 5);
        assert_eq!(levenshtein("数据安全法", "数据安全法"), 0);
        assert_eq!(levenshtein("河南省消费者权益保护条例", "河北省消费者权益保护条例"), 1);
        assert_eq!(normalized("", ""), 1.0);
    }

    proptest! {
        #[test]
        fn same_distance_as_strsim(a in "[数据安全法条例a-c]{0,80}", b in "[数据安全法条例a-c]{0,80}") {
            prop_assert_eq!(levenshtein(&a, &b), strsim::levenshtein(&a, &b));
            prop_assert_eq!(normalized(&a, &b), strsim::normalized_levenshtein(&a, &b));
        }

        #[test]
        fn same_distance_as_strsim_on_any_text(a in "\\PC{0,70}", b in "\\PC{0,70}") {
            prop_assert_eq!(levenshtein(&a, &b), strsim::levenshtein(&a, &b));
        }
    }
}
