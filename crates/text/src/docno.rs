//! Document numbers (文号) such as `国发〔2017〕35号`.
//!
//! Real texts write the year in many brackets — 〔〕 [] ［］ () （） ﹝﹞ 【】
//! — with or without spaces. [`find_document_numbers`] finds them all and
//! gives each a canonical form with 〔〕 so that differently written numbers
//! compare equal. [`own_numbers`] tells which of them a text gives as its
//! own number.

mod own;

use std::sync::OnceLock;

pub use own::own_numbers;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A document number found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentNumber {
    /// Issuing-body prefix, e.g. `国发`, `国办发`, `工信部联科`.
    pub prefix: String,
    /// Year in the brackets.
    pub year: u32,
    /// Serial number.
    pub serial: u32,
    /// First code point of the match (prefix included).
    pub start: usize,
    /// One past the last code point (after `号`).
    pub end: usize,
}

impl DocumentNumber {
    /// The canonical spelling, e.g. `国发〔2017〕35号`.
    pub fn canonical(&self) -> String {
        format!("{}〔{}〕{}号", self.prefix, self.year, self.serial)
    }
}

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(\p{Han}{1,12})\s*[〔\[［(（﹝【]\s*((?:19|20)\d{2})\s*[〕\]］)）﹞】]\s*第?\s*(\d{1,5})\s*号",
        )
        .expect("static regex")
    })
}

/// Words that precede a document number in running text but are not part of
/// the issuing body's abbreviation.
const LEADING_NOISE: &[&str] = &[
    "根据", "依据", "按照", "依照", "参照", "执行", "印发", "发布", "贯彻", "落实", "关于", "经", "见", "及",
    "和", "与", "或", "的", "是", "文件", "通知", "号文",
];

/// Words and names of issuing bodies that end the running text before an
/// abbreviation: `市人民政府京政发`, `国务院国发`, `我院以法`, `国土局作出温国土资发`.
/// The abbreviation starts after the last of them.
const BOUNDARIES: &[&str] = &[
    "以下简称",
    "人民政府",
    "人民法院",
    "人民检察院",
    "国务院",
    "办公厅",
    "委员会",
    "简称",
    "作出",
    "公布",
    "印发",
    "发布",
    "下发",
    "转发",
    "按照",
    "依照",
    "根据",
    "依据",
    "参照",
    "政府",
    "我院",
    "本院",
    "按",
    "以",
    "据",
    "见",
    "的",
];

/// The byte offset in `prefix` after the last boundary word, if something
/// is left after it.
fn after_boundary(prefix: &str) -> Option<usize> {
    BOUNDARIES
        .iter()
        .filter_map(|b| prefix.rfind(b).map(|i| i + b.len()))
        .filter(|&end| end < prefix.len())
        .max()
}

/// Finds every document number in `text`, in order.
pub fn find_document_numbers(text: &str) -> Vec<DocumentNumber> {
    re().captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let mut prefix = c[1].to_string();
            let mut prefix_start = c.get(1)?.start();
            if let Some(cut) = after_boundary(&prefix) {
                prefix_start += cut;
                prefix = prefix[cut..].to_string();
            }
            // Strip leading function words greedily, keeping at least two characters.
            while let Some(noise) = LEADING_NOISE
                .iter()
                .find(|w| prefix.starts_with(*w) && prefix.chars().count() > w.chars().count() + 1)
            {
                prefix_start += noise.len();
                prefix = prefix[noise.len()..].to_string();
            }
            Some(DocumentNumber {
                prefix,
                year: c[2].parse().ok()?,
                serial: c[3].parse().ok()?,
                start: crate::byte_to_char(text, prefix_start),
                end: crate::byte_to_char(text, whole.end()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn all_bracket_styles() {
        for s in [
            "国发〔2017〕35号",
            "国发[2017]35号",
            "国发［2017］35号",
            "国发(2017)35号",
            "国发（2017）35号",
            "国发﹝2017﹞35号",
            "国发 〔2017〕 35 号",
        ] {
            let found = find_document_numbers(s);
            assert_eq!(found.len(), 1, "{s}");
            assert_eq!(found[0].canonical(), "国发〔2017〕35号");
        }
    }

    #[test]
    fn strips_leading_words_and_reports_char_spans() {
        let t = "根据国办发〔2019〕5号文件";
        let found = find_document_numbers(t);
        assert_eq!(found[0].prefix, "国办发");
        assert_eq!((found[0].start, found[0].end), (2, 13));
    }

    #[test]
    fn issuing_bodies_and_verbs_are_not_part_of_the_prefix() {
        for (text, prefix) in [
            ("1985年11月30日市人民政府京政发〔1985〕167号", "京政发"),
            ("凡需新辟军民合用机场，按国办发(1985)49号", "国办发"),
            ("我院以法〔1998〕86号", "法"),
            ("原温江区国土局作出温国土资发（2018）366号", "温国土资发"),
            ("国务院国发〔2017〕35号", "国发"),
            ("已通过，现予公布法释〔2020〕17号", "法释"),
            ("工信部联科〔2020〕1号", "工信部联科"),
            ("外经贸发〔2001〕1号", "外经贸发"),
        ] {
            let found = find_document_numbers(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].prefix, prefix, "{text}");
            assert_eq!(
                crate::slice_chars(text, found[0].start, found[0].end).chars().next(),
                prefix.chars().next()
            );
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let n = s.chars().count();
            for d in find_document_numbers(&s) {
                prop_assert!(d.start < d.end && d.end <= n);
            }
        }
    }
}
