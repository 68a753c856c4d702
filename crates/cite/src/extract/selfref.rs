//! Self-references: `本法`, `本条例`, `本办法` … name the document they are
//! written in, so they are recognised and kept out of the citations; and the
//! document numbers a text announces as its own ([`own_numbers`]).

use std::sync::OnceLock;

use regex::Regex;

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            "本(?:实施细则|实施办法|实施条例|暂行办法|暂行规定|法典|法|条例|办法|规定|细则|决定|解释|规则|意见|通知|方案|规划|纲要|指南|准则|公约|章程)",
        )
        .expect("static regex")
    })
}

/// Spans (code points) of self-references in `text`.
pub fn find_self_refs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut last_byte = 0;
    let mut last_char = 0;
    for m in re().find_iter(text) {
        // Inside 法律/法院 the match is a word, not a self-reference.
        let next = text[m.end()..].chars().next();
        if m.as_str() == "本法" && matches!(next, Some('律' | '院' | '人' | '规')) {
            continue;
        }
        let start = last_char + text[last_byte..m.start()].chars().count();
        let end = start + m.as_str().chars().count();
        last_byte = m.end();
        last_char = end;
        out.push((start, end));
    }
    out
}

/// The document numbers (canonical) a text gives as its own, read by
/// [`policyscope_text::docno::own_numbers`] — the rule import uses for the
/// metadata number. Judicial interpretations print their `法释〔2020〕17号`
/// under the title or after `现予公布`; it names the document itself.
pub fn own_numbers(text: &str) -> Vec<String> {
    policyscope_text::docno::own_numbers(text).iter().map(|n| n.canonical()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_self_references() {
        let s = find_self_refs("制定本法。本办法自公布之日起施行，本法律另有规定");
        assert_eq!(s, vec![(2, 4), (5, 8)]);
    }

    #[test]
    fn own_numbers_are_given_in_canonical_form() {
        let text = "# 某解释\n法释[2023]3号\n依照国发〔2017〕35号办理。";
        assert_eq!(own_numbers(text), vec!["法释〔2023〕3号".to_string()]);
    }
}
