//! Standard identifiers and technical-committee codes, by pattern.
//!
//! National (GB, GB/T, GB/Z), industry (YD/T, SJ/T …), association (T/XXX)
//! and international (ISO, IEC, ISO/IEC, ITU-T X.…, IEEE) standards, with or
//! without a space after the prefix and with a year after a hyphen or dash.
//! Each resolves to a canonical identifier (`GB/T 18005-1999`), so the same
//! standard written two ways is one entity.

use std::sync::OnceLock;

use regex::Regex;

/// The standard-identifier pattern.
fn standard_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Parts: prefix, then number, then an optional year.
        let num = r"\d{1,6}(?:\.\d{1,3})*";
        let year = r"(?:\s?[-—–]\s?\d{2,4})?";
        let pattern = format!(
            r"(?x)
            (?P<intl>(?:ISO/IEC(?:/IEEE)?|ISO|IEC)\s?{num}(?:-\d{{1,3}})*(?::\d{{4}})?
              | ITU-T\s?[A-Z]\.\d{{1,4}}(?:\.\d{{1,3}})?
              | IEEE\s?(?:Std\s?)?\d{{3,5}}(?:\.\d{{1,3}}[a-z]{{0,2}})?(?:-\d{{4}})?)
            | (?P<nat>GB(?:\s?/\s?[TZ])?\s?{num}{year})
            | (?P<ind>(?:YD|SJ|GA|JR|JT|HJ|QB|WS|YY|GM|DL|NY|SN|JB|MH|LD|CY|DB\d{{2}})\s?/\s?[TZ]\s?{num}{year})
            | (?P<assoc>T/[A-Z]{{2,12}}\s?{num}{year})"
        );
        Regex::new(&pattern).unwrap_or_else(|e| unreachable!("standard pattern: {e}"))
    })
}

/// Technical committees by code (`TC260`, `SAC/TC28`, `SAC/TC 28/SC 42`)
/// and by the national committees' naming pattern.
fn committee_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:SAC\s?/\s?)?TC\s?\d{1,3}(?:\s?/\s?SC\s?\d{1,3})?|全国[\p{Han}]{2,20}?标准化技术委员会",
        )
        .unwrap_or_else(|e| unreachable!("committee pattern: {e}"))
    })
}

/// A pattern match in byte offsets of the text, with its canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub canonical: String,
}

/// Whether the character before `start` lets a code start there (not a
/// letter or digit of a longer token).
fn free_before(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric() && c != '/' && c != '-')
}

fn free_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Standard identifiers in `text` (the normalised view).
pub(crate) fn standards(text: &str) -> Vec<Found> {
    standard_re()
        .find_iter(text)
        .filter(|m| free_before(text, m.start()) && free_after(text, m.end()))
        .map(|m| Found { start: m.start(), end: m.end(), canonical: canonical_standard(m.as_str()) })
        .collect()
}

/// Committee codes and names in `text`.
pub(crate) fn committees(text: &str) -> Vec<Found> {
    committee_re()
        .find_iter(text)
        .filter(|m| free_before(text, m.start()) && free_after(text, m.end()))
        .map(|m| Found { start: m.start(), end: m.end(), canonical: committee_canonical(m.as_str()) })
        .collect()
}

/// Words that name no field but a class of fields: 全国专业标准化技术委员会 is
/// every national committee of some field, not one committee.
const CLASS_FIELDS: &[&str] = &["专业", "各类", "各", "相关", "有关", "对口"];

/// The canonical form of a committee: its code or name without spaces; a
/// national name whose field is only class words is the class itself
/// (标准化技术委员会), so it resolves to the generic committees.
fn committee_canonical(raw: &str) -> String {
    let compact = raw.replace(' ', "");
    let field = compact.strip_prefix("全国").and_then(|r| r.strip_suffix("标准化技术委员会"));
    match field {
        Some(f) if is_class_field(f) => "标准化技术委员会".to_string(),
        _ => compact,
    }
}

/// Whether `field` is made of class words only (专业, 各专业, 相关专业).
fn is_class_field(field: &str) -> bool {
    let mut rest = field;
    while !rest.is_empty() {
        match CLASS_FIELDS.iter().find(|w| rest.starts_with(**w)) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    !field.is_empty()
}

/// `GB/T18005—1999` → `GB/T 18005-1999`: no space inside the prefix, one
/// space before the number, dashes as `-`.
pub fn canonical_standard(raw: &str) -> String {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '—' | '–') { '-' } else { c })
        .collect();
    // The prefix ends where the number starts (ITU-T X.509: after the letter).
    let split = if let Some(rest) = compact.strip_prefix("ITU-T") {
        5 + rest.find(|c: char| c.is_ascii_uppercase()).unwrap_or(0)
    } else if let Some(rest) = compact.strip_prefix("IEEE") {
        4 + rest.find(|c: char| c.is_ascii_digit() || c == 'S').unwrap_or(0)
    } else {
        compact.find(|c: char| c.is_ascii_digit() && !compact.starts_with("DB")).unwrap_or_else(|| {
            // DB11/T 123: the region digits belong to the prefix.
            compact.find('/').map_or(0, |s| s + 2)
        })
    };
    let (prefix, rest) = compact.split_at(split.min(compact.len()));
    if prefix.is_empty() {
        rest.to_string()
    } else {
        format!("{prefix} {rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        standards(text).into_iter().map(|f| f.canonical).collect()
    }

    #[test]
    fn national_standards_with_and_without_space_and_dash_variants() {
        assert_eq!(found("《GB/T18005-1999》"), ["GB/T 18005-1999"]);
        assert_eq!(found("GB/T 26341-2010 残疾"), ["GB/T 26341-2010"]);
        assert_eq!(found("GB 18667 道路"), ["GB 18667"]);
        assert_eq!(found("（GB3838-2002）"), ["GB 3838-2002"]);
        assert_eq!(found("GB/Z 1.1—2020"), ["GB/Z 1.1-2020"]);
        assert_eq!(found("GB / T 1.1 - 2020"), ["GB/T 1.1-2020"]);
    }

    #[test]
    fn industry_association_and_international_standards() {
        assert_eq!(found("YD/T 3922-2021、SJ/T11000"), ["YD/T 3922-2021", "SJ/T 11000"]);
        assert_eq!(found("T/CESA 1026-2018"), ["T/CESA 1026-2018"]);
        assert_eq!(found("ISO/IEC 27001:2013 与 ISO 9001"), ["ISO/IEC 27001:2013", "ISO 9001"]);
        assert_eq!(found("ITU-T X.509 and IEEE 802.11ax"), ["ITU-T X.509", "IEEE 802.11ax"]);
        assert_eq!(found("IEC 61508-3"), ["IEC 61508-3"]);
        assert_eq!(found("DB11/T 1234-2015"), ["DB11/T 1234-2015"]);
    }

    #[test]
    fn codes_inside_longer_tokens_are_not_standards() {
        assert!(found("16GB2 内存 ABGB 12 XISO 9001").is_empty(), "{:?}", found("16GB2 XISO 9001"));
    }

    #[test]
    fn a_committee_name_whose_field_is_only_class_words_is_the_class() {
        assert_eq!(committee_canonical("全国专业标准化技术委员会"), "标准化技术委员会");
        assert_eq!(committee_canonical("全国各类专业标准化技术委员会"), "标准化技术委员会");
        assert_eq!(committee_canonical("全国专业软件标准化技术委员会"), "全国专业软件标准化技术委员会");
        assert_eq!(committee_canonical("SAC/TC 28"), "SAC/TC28");
    }

    #[test]
    fn committee_codes_and_names() {
        let c: Vec<String> = committees("由SAC/TC 28和TC260及全国智能运输系统标准化技术委员会")
            .into_iter()
            .map(|f| f.canonical)
            .collect();
        assert_eq!(c, ["SAC/TC28", "TC260", "全国智能运输系统标准化技术委员会"]);
    }
}
