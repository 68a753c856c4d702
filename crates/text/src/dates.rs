//! Dates as written in Chinese and English policy texts.
//!
//! Recognised: `2021年8月20日`, `二〇二一年八月二十日`, `2021-08-20`,
//! `2021.8.20`, `2021/8/20`, and a file name ending `(2021-08-20)`.
//! Results are full [`PolicyDate`]s; impossible dates are rejected, and so
//! are years outside 1900–2200, which in running text are numbers, not dates.

use std::sync::OnceLock;

use regex::Regex;

use crate::date::PolicyDate;

fn arabic_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2})(?:\D|$))")
            .expect("static regex")
    })
}

fn chinese_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日",
        )
        .expect("static regex")
    })
}

fn file_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[(（](\d{4})-(\d{2})-(\d{2})[)）]\s*$").expect("static regex"))
}

/// A full date found in text, if the parts form a real calendar date in a
/// plausible year.
fn text_date(year: u32, month: u32, day: u32) -> Option<PolicyDate> {
    if !(1900..=2200).contains(&year) {
        return None;
    }
    PolicyDate::ymd(year, month, day).ok()
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32).or(match c {
        '○' | '零' => Some(0),
        _ => None,
    })
}

/// Reads `十`, `二十`, `二十一`, `十二`, `三` as numbers (1–99).
fn chinese_small_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => chinese_digit(*d),
        ['十'] => Some(10),
        ['十', u] => Some(10 + chinese_digit(*u)?),
        [t, '十'] => Some(chinese_digit(*t)? * 10),
        [t, '十', u] => Some(chinese_digit(*t)? * 10 + chinese_digit(*u)?),
        _ => None,
    }
}

/// Every date found in `text`, in order, with its code-point offset.
pub fn find_dates(text: &str) -> Vec<(usize, PolicyDate)> {
    let mut found = Vec::new();
    for c in arabic_re().captures_iter(text) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = num(1);
        let (month, day) = if c.get(2).is_some() { (num(2), num(3)) } else { (num(4), num(5)) };
        if let (Some(y), Some(m), Some(d)) = (year, month, day) {
            if let Some(date) = text_date(y, m, d) {
                found.push((c.get(0).map_or(0, |m| m.start()), date));
            }
        }
    }
    for c in chinese_re().captures_iter(text) {
        let year: Option<u32> = c[1].chars().map(chinese_digit).try_fold(0u32, |acc, d| Some(acc * 10 + d?));
        if let (Some(y), Some(m), Some(d)) = (year, chinese_small_number(&c[2]), chinese_small_number(&c[3]))
        {
            if let Some(date) = text_date(y, m, d) {
                found.push((c.get(0).map_or(0, |m| m.start()), date));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(byte, date)| (crate::byte_to_char(text, byte), date)).collect()
}

/// The date in a file name such as `标题(2021-08-20).md` (extension removed first).
pub fn date_from_file_name(stem: &str) -> Option<PolicyDate> {
    let c = file_name_re().captures(stem)?;
    text_date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// The date a document was issued, read from its text: the latest date in
/// the first lines that are not body sentences (the header, where adoption
/// and revision dates stand — the latest names this version — and where a
/// short notice puts its signature), else the last date in the last lines
/// (where official documents put the signature date).
pub fn document_date(text: &str) -> Option<PolicyDate> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let header = lines
        .iter()
        .take(8)
        .filter(|l| l.chars().count() <= 80 && !is_article(l) && !l.ends_with(['。', '；', '.', ';']));
    if let Some(latest) = header.flat_map(|l| find_dates(l).into_iter().map(|(_, d)| d)).max() {
        return Some(latest);
    }
    let start = lines.len().saturating_sub(4);
    lines[start..]
        .iter()
        .rev()
        .filter(|l| l.chars().count() <= 60)
        .find_map(|l| find_dates(l).into_iter().last().map(|(_, d)| d))
}

fn article_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\s*第[一二三四五六七八九十百零〇\d]+条").expect("static regex"))
}

/// Whether a line opens an article (第X条), i.e. belongs to the body.
fn is_article(line: &str) -> bool {
    article_re().is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> PolicyDate {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_many_forms() {
        assert_eq!(find_dates("于2021年8月20日通过")[0], (1, iso("2021-08-20")));
        assert_eq!(find_dates("二〇一七年七月八日")[0].1, iso("2017-07-08"));
        assert_eq!(find_dates("二○二三年十二月三十一日")[0].1, iso("2023-12-31"));
        assert_eq!(find_dates("dated 2023-07-13.")[0].1, iso("2023-07-13"));
        assert_eq!(find_dates("2023.7.1 起")[0].1, iso("2023-07-01"));
        assert!(find_dates("2023年2月30日").is_empty());
        assert!(find_dates("第2023年13月1日").is_empty());
    }

    #[test]
    fn file_names() {
        assert_eq!(date_from_file_name("网络安全法(2016-11-07)"), Some(iso("2016-11-07")));
        assert_eq!(date_from_file_name("网络安全法"), None);
        assert_eq!(date_from_file_name("x(2016-13-07)"), None);
    }

    #[test]
    fn document_date_prefers_header_then_signature() {
        let t = "# 法\n\n2016年11月7日 通过\n\n正文提到2010年1月1日。";
        assert_eq!(document_date(t), Some(iso("2016-11-07")));
        let t = "# 通知\n\n各部门：\n\n正文很长很长。\n\n国务院\n2017年7月8日";
        assert_eq!(document_date(t), Some(iso("2017-07-08")));
        assert_eq!(document_date("# 无日期\n\n正文。"), None);
        let t = "办法\n第一条 本办法自2021年10月1日起施行。\n星河市人民政府\n2021年9月1日";
        assert_eq!(document_date(t), Some(iso("2021-09-01")));
        // A revised law: the latest revision names the version.
        let t = "# 法\n\n1993年7月2日 通过\n\n2007年12月29日 第一次修订\n\n2021年12月24日 第二次修订\n\n第一条 为了……，制定本法。";
        assert_eq!(document_date(t), Some(iso("2021-12-24")));
        // Sentences in the first lines (an effective date) are body, not header.
        let t = "指引\n一、为落实……制定本指引。\n二、本指引自2024年6月1日起实施。\n星河市科学技术局\n2024年5月20日";
        assert_eq!(document_date(t), Some(iso("2024-05-20")));
    }
}
