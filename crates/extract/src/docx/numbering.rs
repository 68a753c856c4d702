//! Word's automatic numbering: `w:num` → `w:abstractNum` → per-level format
//! (`decimal`, `chineseCounting`, letters, roman, bullet), start value and
//! label pattern (`%1.`, `第%1条`, `（%2）`), counted as paragraphs go by.

use std::collections::HashMap;

use crate::xml::{walk, Step};
use crate::{Deadline, Limits, Result};

/// Deepest list level Word defines.
const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions of a document, and the counters so far.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, String>,
    counters: HashMap<String, [u32; LEVELS]>,
}

impl Numbering {
    /// Parses `word/numbering.xml`.
    pub(crate) fn parse(xml: &[u8], limits: &Limits, deadline: Deadline) -> Result<Numbering> {
        let mut n = Numbering::default();
        let (mut abs_id, mut num_id) = (None::<String>, None::<String>);
        let mut lvl: Option<usize> = None;
        walk(xml, super::FORMAT, limits.max_xml_depth, deadline, |s| {
            match s {
                Step::Open(t) => match t.name.as_str() {
                    "abstractNum" => abs_id = t.attr("abstractNumId").map(str::to_string),
                    "num" => num_id = t.attr("numId").map(str::to_string),
                    "abstractNumId" => {
                        if let (Some(num), Some(v)) = (&num_id, t.attr("val")) {
                            n.nums.insert(num.clone(), v.to_string());
                        }
                    }
                    "lvl" => lvl = t.attr("ilvl").and_then(|v| v.parse().ok()).filter(|&l| l < LEVELS),
                    "numFmt" | "lvlText" | "start" => {
                        if let (Some(a), Some(l), Some(v)) = (&abs_id, lvl, t.attr("val")) {
                            let levels = n
                                .abstracts
                                .entry(a.clone())
                                .or_insert_with(|| vec![Level::default(); LEVELS]);
                            match t.name.as_str() {
                                "numFmt" => levels[l].format = v.to_string(),
                                "lvlText" => levels[l].text = v.to_string(),
                                _ => levels[l].start = v.parse().unwrap_or(1),
                            }
                        }
                    }
                    _ => {}
                },
                Step::Close("abstractNum") => abs_id = None,
                Step::Close("num") => num_id = None,
                Step::Close("lvl") => lvl = None,
                _ => {}
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// The label of the next paragraph numbered `num_id` at `level`.
    pub(crate) fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let levels = self.abstracts.get(self.nums.get(num_id)?)?;
        let level = level.min(LEVELS - 1);
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; LEVELS]);
        for (l, c) in counters.iter_mut().enumerate().skip(level) {
            if l == level {
                *c = if *c == 0 { levels[l].start.max(1) } else { *c + 1 };
            } else {
                *c = 0;
            }
        }
        let def = &levels[level];
        if def.format == "bullet" {
            return Some("•".to_string());
        }
        let mut label = def.text.clone();
        for (l, lv) in levels.iter().enumerate().take(level + 1) {
            let value = if counters[l] == 0 { lv.start.max(1) } else { counters[l] };
            label = label.replace(&format!("%{}", l + 1), &render(&lv.format, value));
        }
        Some(label)
    }
}

/// A counter in a Word number format.
fn render(format: &str, n: u32) -> String {
    match format {
        "chineseCounting" | "chineseCountingThousand" | "ideographTraditional" | "chineseLegalSimplified" => {
            chinese(n)
        }
        "lowerLetter" => letter(n, b'a'),
        "upperLetter" => letter(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_else(|| n.to_string())
        }
        _ => n.to_string(),
    }
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = match n % 10 {
        0 => "",
        d => D[d as usize],
    };
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{ones}"),
        20..=99 => format!("{}十{ones}", D[(n / 10) as usize]),
        _ => n.to_string(),
    }
}

fn letter(n: u32, base: u8) -> String {
    let k = ((n.max(1) - 1) % 26) as u8;
    let times = ((n.max(1) - 1) / 26 + 1) as usize;
    ((base + k) as char).to_string().repeat(times.min(10))
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_in_word_formats() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(21), "二十一");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(2, b'a'), "b");
    }
}
