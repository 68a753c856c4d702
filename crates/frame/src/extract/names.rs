//! Names from the frame (actors, bodies, technologies, stages) found by a
//! dictionary scan that respects word boundaries.
//!
//! The scan takes the longest name starting at the leftmost position, then
//! checks its edges:
//! * a Latin name (`ISO`, `MIIT`, `chip`) must not touch a letter or digit,
//!   and an acronym matches in its own case only (`CAS`, not `cas`);
//! * a Chinese name must not run on into a longer organisation that is not
//!   listed: 教育部 is not in 教育部门, 国务院 is not in 国务院农业农村主管部门
//!   or 国务院反垄断委员会 — the text after it, up to an organisation suffix
//!   (部门, 机关, 委员会 …) without a function word between, would make a
//!   different body. A name that is itself a department (公安机关) does not
//!   run on into one of its sub-units (公安机关交通管理部门), and 国务院 not
//!   into a mechanism (国务院标准化协调机制);
//! * a national body's generic name after a level word (省、自治区、直辖市,
//!   省级, 地方 …) is the local body, not the national one;
//! * a technology word inside a longer word of another sense (芯片卡), or
//!   in a clause with a word marking another sense (渔船 near 适航标准), is
//!   not the technology: the chokepoints table lists these exclusions.
//!
//! A refused match is retried one character further on, so a shorter name
//! inside it is still found.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use regex::Regex;

use crate::model::{ActorKind, MIN_TERM_CHARS};
use crate::{Error, Frame, MentionKind, Result};

/// What a dictionary term names.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub kind: MentionKind,
    pub entity: String,
    /// The term as written in the frame.
    term: String,
    /// Latin letters only in upper case: matched case-sensitively.
    acronym: bool,
    /// A national body's name without a national prefix (电信管理机构):
    /// after a level word it names a local body.
    national_generic: bool,
    /// Words of another sense (a technology's exclusions).
    exclude: Vec<String>,
}

/// The dictionary of every name in a frame.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    ac: AhoCorasick,
    terms: Vec<Term>,
}

/// A name found, in byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct NameHit {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

/// An unlisted organisation continuing a Chinese name: some Han characters
/// (no function word among them) then an organisation suffix.
fn continuation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^[\p{Han}&&[^的和与及或等对向在按依应负会同由将并可为是已于从把被以该本组、]]{0,12}?(?:部门|机关|机构|办公厅|办公室|委员会|研究院|研究所|总局|分局|直属)",
        )
        .unwrap_or_else(|e| unreachable!("continuation pattern: {e}"))
    })
}

/// A list of departments continuing a Chinese name (国务院农业、林业行政主管部门,
/// 国务院市场监督管理等部门): the list may hold 、和及与等 but no other body.
fn department_list_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[\p{Han}、&&[^的对向在按依应负会同由将并可为是已于从把被以该本组]]{1,20}?部门")
            .unwrap_or_else(|e| unreachable!("department list pattern: {e}"))
    })
}

/// A sub-unit continuing a name that is itself a department: a function
/// (交通管理, 计算机管理监察) then a unit noun — 公安机关依法… is still the
/// organ itself.
fn sub_unit_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^[\p{Han}&&[^的和与及或等对向在按依应负会同由将并可为是已于从把被以该本组、]]{0,10}?(?:管理|监察|监督|监管|执法|保卫|侦查)(?:部门|机构|处|局|支队|大队)",
        )
        .unwrap_or_else(|e| unreachable!("sub-unit pattern: {e}"))
    })
}

/// A coordination mechanism continuing a name (国务院标准化协调机制): the
/// mechanism, not the body, is meant.
fn mechanism_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[\p{Han}&&[^的和与及或等对向在按依应负会同由将并可为是已于从把被以该本组建设立健全完善]]{0,8}?(?:协调机制|联席会议|工作机制|领导小组)")
            .unwrap_or_else(|e| unreachable!("mechanism pattern: {e}"))
    })
}

/// Level words before a national body's generic name that make it a local
/// body (省、自治区、直辖市电信管理机构), longest first.
const LOCAL_LEVELS: &[&str] = &[
    "省、自治区、直辖市",
    "县级以上地方",
    "地方各级",
    "设区的市",
    "省级",
    "市级",
    "县级",
    "地方",
    "各地",
    "省",
    "市",
    "县",
];

/// Whether an actor's Chinese name marks it as national (国务院…, 国家…,
/// 中国…, 全国…, or a ministry).
fn is_national(name_zh: &str) -> bool {
    ["国务院", "国家", "中国", "中华人民共和国", "全国"].iter().any(|p| name_zh.starts_with(p))
        || name_zh.ends_with('部')
}

/// Whether a term of a national body carries no national mark itself.
fn generic_term(term: &str) -> bool {
    !["国务院", "国家", "中国", "中华", "全国", "中央"].iter().any(|p| term.starts_with(p))
        && term.chars().next().is_some_and(is_han)
}

/// Whether the hit `start..end` of `t` sits in one of its exclusions: a
/// longer word holding it, or a word in the same clause.
fn excluded(text: &str, start: usize, end: usize, t: &Term) -> bool {
    t.exclude.iter().any(|e| match e.find(t.term.as_str()) {
        Some(k) => start >= k && text.get(start - k..).is_some_and(|s| s.starts_with(e.as_str())),
        None => clause_around(text, start, end).contains(e.as_str()),
    })
}

/// Characters searched either side of a hit for a clause word.
const CLAUSE_WINDOW: usize = 40;

/// The clause around `start..end`, at most [`CLAUSE_WINDOW`] characters either side.
fn clause_around(text: &str, start: usize, end: usize) -> &str {
    let stop = |c: char| matches!(c, '，' | ',' | '。' | '；' | ';' | '\n' | '：' | ':');
    let mut from = start;
    for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if n >= CLAUSE_WINDOW || stop(c) {
            break;
        }
        from = i;
    }
    let mut to = end;
    for (n, (i, c)) in text[end..].char_indices().enumerate() {
        if n >= CLAUSE_WINDOW || stop(c) {
            break;
        }
        to = end + i + c.len_utf8();
    }
    &text[from..to]
}

/// An unlisted authority described at length (国务院工业产品生产许可证主管部门):
/// up to 20 characters, 许可 allowed though 可 alone is a function word.
fn authority_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:许可|[\p{Han}&&[^的和与及或等对向在按依应负会同由将并可为是已于从把被以该本组、]]){1,20}?(?:主管部门|管理部门|行政部门)",
        )
        .unwrap_or_else(|e| unreachable!("authority pattern: {e}"))
    })
}

/// A list of departments 国务院 governs, up to the item at the end of
/// `before` (国务院林业草原、|标准化主管部门): that item is national too.
fn state_council_list_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"国务院(?:[\p{Han}&&[^的和与及或等对向在按依应负会同由将并可为是已于从把被以该本组、]]{1,12}[、和及与])+$",
        )
        .unwrap_or_else(|e| unreachable!("state council list pattern: {e}"))
    })
}

/// Whether the name starting after `before` is an item of a list of
/// departments that 国务院 governs.
pub(crate) fn in_state_council_list(before: &str) -> bool {
    state_council_list_re().is_match(before)
}

/// Whether `rest` continues a name into an unlisted organisation.
fn continues_into_body(rest: &str) -> bool {
    if continuation_re().is_match(rest) || authority_re().is_match(rest) {
        return true;
    }
    department_list_re().find(rest).is_some_and(|m| {
        !["政府", "人民", "委员会", "军", "法院", "检察院"].iter().any(|w| m.as_str().contains(w))
    })
}

impl Names {
    /// Builds the dictionary of `frame`.
    pub fn new(frame: &Frame) -> Result<Names> {
        let mut terms: Vec<Term> = Vec::new();
        let mut push = |kind: MentionKind, entity: &str, term: &str, national: bool, exclude: &[String]| {
            let key = term.to_lowercase();
            if term.chars().count() >= MIN_TERM_CHARS && !terms.iter().any(|t| t.term.to_lowercase() == key) {
                let acronym = term.chars().any(|c| c.is_ascii_uppercase())
                    && !term.chars().any(|c| c.is_ascii_lowercase());
                terms.push(Term {
                    kind,
                    entity: entity.to_string(),
                    term: term.to_string(),
                    acronym,
                    national_generic: national && generic_term(term),
                    exclude: exclude.to_vec(),
                });
            }
        };
        for a in &frame.actors {
            let kind = match a.kind {
                ActorKind::Actor => MentionKind::Actor,
                ActorKind::Body => MentionKind::Body,
            };
            let national = is_national(&a.name_zh);
            for t in a.terms() {
                push(kind, &a.id, t, national, &[]);
            }
        }
        for c in &frame.chokepoints {
            for t in &c.terms {
                push(MentionKind::Technology, &c.entity(), t, false, &c.exclude);
            }
        }
        for s in &frame.stages {
            for t in &s.terms {
                push(MentionKind::Stage, &s.entity(), t, false, &[]);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(terms.iter().map(|t| t.term.as_str()))
            .map_err(|e| Error::Invalid(format!("frame dictionary: {e}")))?;
        Ok(Names { ac, terms })
    }

    /// The term behind a hit.
    pub fn term(&self, i: usize) -> Option<&Term> {
        self.terms.get(i)
    }

    /// The entity a written name resolves to (`工信部` → `miit`).
    pub fn resolve(&self, written: &str) -> Option<&Term> {
        let key = written.to_lowercase();
        self.terms.iter().find(|t| t.term.to_lowercase() == key)
    }

    /// Every accepted name in `text` (the normalised view), in text order.
    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.ac.find(Input::new(text).range(pos..)) else { break };
            let (start, end, i) = (m.start(), m.end(), m.pattern().as_usize());
            let end = match self.terms.get(i) {
                Some(t) => self.accept(text, start, end, t),
                None => None,
            };
            match end {
                Some(end) => {
                    out.push(NameHit { start, end, term: i });
                    pos = end;
                }
                None => pos = start + text[start..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    /// The end of an accepted hit (a technology's English plural `s`
    /// included), or `None` when its edges refuse it.
    fn accept(&self, text: &str, start: usize, end: usize, t: &Term) -> Option<usize> {
        let written = &text[start..end];
        if t.acronym && written != t.term {
            return None;
        }
        let before = text[..start].chars().next_back();
        let mut after_end = end;
        if t.term.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && before.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        if t.term.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric()) {
            let mut rest = text[end..].chars();
            match rest.next() {
                Some('s')
                    if t.kind == MentionKind::Technology
                        && rest.next().is_none_or(|c| !c.is_ascii_alphanumeric()) =>
                {
                    after_end = end + 1;
                }
                Some(c) if c.is_ascii_alphanumeric() => return None,
                _ => {}
            }
        }
        if t.kind == MentionKind::Technology && excluded(text, start, after_end, t) {
            return None;
        }
        let last = t.term.chars().next_back();
        if last.is_some_and(is_han) && matches!(t.kind, MentionKind::Actor | MentionKind::Body) {
            let rest = &text[end..];
            if last == Some('部') && rest.starts_with('门') {
                return None;
            }
            if t.national_generic && LOCAL_LEVELS.iter().any(|l| text[..start].ends_with(l)) {
                return None;
            }
            // A name that is itself a department or committee takes no
            // unlisted sub-body, only a sub-unit of a function.
            let whole =
                ["部门", "机关", "机构", "委员会", "办公室", "办公厅"].iter().any(|s| t.term.ends_with(s));
            if whole && sub_unit_re().is_match(rest) {
                return None;
            }
            if !whole && continues_into_body(rest) {
                return None;
            }
            if mechanism_re().is_match(rest) {
                return None;
            }
        }
        Some(after_end)
    }
}

/// A CJK ideograph.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}
