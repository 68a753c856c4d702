//! Role statements: an actor as the subject of a task verb.
//!
//! Three shapes, read at the start of a clause (after `。；，：`, a line
//! break or an article heading, so an actor after 对, 向 or 经 is never a
//! subject):
//! * `A负责…`, `A、B和C组织…` — each listed actor is given the task;
//! * `由A负责…` — the actor after 由 is given it (the object is what comes
//!   after the verb, or, when that is a mere verb, what stands before 由:
//!   具体办法由A制定, 上述标准由A组织推广);
//! * `A会同B制定…` — A is given it jointly with B (the partners).
//!
//! Adverbials may stand between actor and verb (依法, 按照职责分工,
//! 在各自职责范围内 …). The object is the rest of the sentence. A verb that
//! only makes sense with what stands before 由 takes it as its object:
//! 本规定由A负责解释 (the task 负责解释, the object 本规定), 强制性国家标准
//! 由国务院批准发布; when nothing stands there in the clause (，由A组织协商),
//! the clause before it is the object.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::names::is_han;
use super::{sentence_of, Mention, MentionKind};

/// Longest object kept, in characters.
const MAX_OBJECT_CHARS: usize = 120;

/// Task verbs, longest first so 组织实施 wins over 组织.
const VERBS: &[&str] = &[
    "组织实施",
    "组织协商",
    "负责解释",
    "批准发布",
    "统筹协调",
    "监督管理",
    "负责",
    "牵头",
    "组织",
    "制定",
    "指导",
    "监督",
    "应当",
    "主管",
    "统筹",
    "协调",
    "管理",
    "推动",
    "推进",
    "建立",
    "开展",
    "发布",
    "批准",
    "审批",
    "实施",
    "加强",
    "支持",
    "鼓励",
    "引导",
    "完善",
    "促进",
    "承担",
];

/// A role statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleStatement {
    /// The actor given the task (gazetteer id).
    pub actor: String,
    /// The actor as written.
    pub actor_text: String,
    /// The actor's span.
    pub actor_start: usize,
    /// One past its last code point.
    pub actor_end: usize,
    /// The task verb.
    pub verb: String,
    /// The verb's first code point.
    pub verb_start: usize,
    /// The task as written (the rest of the sentence, shortened).
    pub object: String,
    /// `subject`, `by` (由…) or `jointly` (会同).
    pub pattern: String,
    /// Actors it acts jointly with (会同).
    pub partners: Vec<String>,
    /// Span of the whole statement (actor or 由 to the end of the object).
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

fn adverbial_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:依法|依照[^，。；]{0,20}?规定|按照[^，。；]{0,15}?(?:职责分工|职责|分工|规定)|根据[^，。；]{0,15}?(?:需要|规定|职责)|在各自(?:的)?职责范围内|在[^，。；]{0,10}?范围内|共同|统一|分别|具体|也|还|要|将|可以|应当依法)",
        )
        .unwrap_or_else(|e| unreachable!("adverbial pattern: {e}"))
    })
}

/// After the verb (other than 应当), a noun the verb phrase modifies: the actor is then part
/// of a name (A负责X工作的部门 is the department, not A).
fn modifier_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[^，。；,;的]{0,24}的[^，。；,;]{0,10}?(?:部门|机构|机关|单位|人员|机制)")
            .unwrap_or_else(|e| unreachable!("modifier pattern: {e}"))
    })
}

fn is_subject(m: &Mention) -> bool {
    matches!(m.kind, MentionKind::Actor | MentionKind::Body)
}

fn at(chars: &[char], pos: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(i, c)| chars.get(pos + i) == Some(&c))
}

/// Level words that may stand before a department at the start of a
/// clause: 市标准化行政主管部门 is the city's department, still the subject.
const LEVELS: &[&str] =
    &["县级以上地方", "县级以上", "省级以上", "省级", "本市", "本省", "各级", "地方", "市", "省", "县", "区"];

/// Whether position `pos` starts a clause (spaces and a level word before
/// it skipped).
fn clause_start(chars: &[char], pos: usize) -> bool {
    bare_clause_start(chars, pos)
        || LEVELS.iter().any(|l| {
            let n = l.chars().count();
            pos >= n && at(chars, pos - n, l) && bare_clause_start(chars, pos - n)
        })
}

fn bare_clause_start(chars: &[char], pos: usize) -> bool {
    let mut i = pos;
    while i > 0 && matches!(chars[i - 1], ' ' | '\t' | '\u{3000}') {
        i -= 1;
    }
    i == 0 || matches!(chars[i - 1], '\n' | '。' | '；' | ';' | '，' | ',' | '：' | ':' | '条' | '）' | ')')
}

/// The actor mention starting at `pos`, if any.
fn mention_at(mentions: &[Mention], pos: usize) -> Option<&Mention> {
    mentions.iter().find(|m| m.start == pos && is_subject(m))
}

/// After a connector at `pos` (、 和 及 以及 与), the actor it links.
fn linked<'m>(chars: &[char], mentions: &'m [Mention], pos: usize) -> Option<&'m Mention> {
    ["以及", "、", "和", "及", "与"]
        .iter()
        .find(|c| at(chars, pos, c))
        .and_then(|c| mention_at(mentions, pos + c.chars().count()))
}

/// An article heading opening a clause (第三十条　), not part of its text.
fn heading_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*第[一二三四五六七八九十百千零〇0-9]{1,8}条\s*")
            .unwrap_or_else(|e| unreachable!("heading pattern: {e}"))
    })
}

/// The text of the clause ending at `end` (from the last clause mark
/// before it, an article heading left out).
fn clause_before(norm: &[char], text: &[char], end: usize) -> String {
    let from = (0..end)
        .rev()
        .find(|&i| matches!(norm[i], '\n' | '。' | '；' | ';' | '，' | ',' | '：' | ':'))
        .map_or(0, |i| i + 1);
    let clause: String = text[from.min(text.len())..end.min(text.len())].iter().collect();
    heading_re().replace(&clause, "").trim().to_string()
}

/// Words opening a conditional or temporal clause before its actor.
const CONDITIONS: &[&str] = &["如果", "假如", "若", "如", "在", "当"];

/// Whether the clause holding an actor at `start` and a verb ending at
/// `verb_end` is a condition or a time (A认为必要的，…; 若由A…; A批准时，…):
/// it sets when a task applies, it gives none.
fn in_condition(norm: &[char], start: usize, verb_end: usize) -> bool {
    let stop = |c: &char| matches!(c, '\n' | '。' | '；' | ';' | '，' | ',' | '：' | ':');
    let end = (verb_end..norm.len()).find(|&i| stop(&norm[i])).unwrap_or(norm.len());
    let ends_open = end < norm.len() && matches!(norm[end], '，' | ',');
    let tail: String = norm[verb_end.min(end)..end].iter().collect();
    if ends_open && (tail.ends_with('的') || tail.ends_with('时')) {
        return true;
    }
    let from = (0..start).rev().find(|&i| stop(&norm[i])).map_or(0, |i| i + 1);
    let head: String = norm[from..start].iter().collect();
    let head = heading_re().replace(&head, "");
    CONDITIONS.iter().any(|c| head.trim_start().starts_with(c))
}

/// Characters of a line searched for clause punctuation.
const LINE_WINDOW: usize = 80;

/// Whether the line holding position `pos` has no clause punctuation: a
/// title, byline or signature, which names an actor but gives no task.
fn in_bare_line(norm: &[char], pos: usize) -> bool {
    let lo = pos.saturating_sub(LINE_WINDOW);
    let from = (lo..pos).rev().find(|&i| norm[i] == '\n').map_or(lo, |i| i + 1);
    let hi = (pos + LINE_WINDOW).min(norm.len());
    let to = (pos..hi).find(|&i| norm[i] == '\n').unwrap_or(hi);
    (from > 0 || lo == 0)
        && (to < norm.len() || hi == norm.len())
        && !norm[from..to].iter().any(|c| matches!(c, '。' | '；' | ';' | '，' | ',' | '：' | ':' | '.'))
}

/// Role statements over `mentions` (in text order) of a text.
pub(super) fn find(
    norm: &[char],
    text: &[char],
    sentences: &[(usize, usize)],
    mentions: &[Mention],
) -> Vec<RoleStatement> {
    let mut out = Vec::new();
    let mut consumed_until = 0;
    for m in mentions.iter().filter(|m| is_subject(m)) {
        if m.start < consumed_until {
            continue;
        }
        let by = m.start > 0 && norm[m.start - 1] == '由';
        if !by && !clause_start(norm, m.start) {
            continue;
        }
        let mut subjects = vec![m];
        let mut pos = m.end;
        while let Some(n) = linked(norm, mentions, pos) {
            subjects.push(n);
            pos = n.end;
        }
        let mut partners = Vec::new();
        if at(norm, pos, "会同") {
            let mut p = pos + 2;
            while let Some(n) = mention_at(mentions, p).or_else(|| linked(norm, mentions, p)) {
                partners.push(n.entity.clone());
                p = n.end;
            }
            if partners.is_empty() {
                continue;
            }
            if at(norm, p, "等") {
                p += 1;
            }
            pos = p;
        }
        for _ in 0..3 {
            let rest: String = norm[pos.min(norm.len())..(pos + 40).min(norm.len())].iter().collect();
            match adverbial_re().find(&rest) {
                Some(a) if a.end() > 0 => pos += a.as_str().chars().count(),
                _ => break,
            }
        }
        let Some(verb) = VERBS.iter().find(|v| at(norm, pos, v)) else { continue };
        let verb_end = pos + verb.chars().count();
        let after: String = norm[verb_end.min(norm.len())..(verb_end + 40).min(norm.len())].iter().collect();
        if *verb != "应当" && modifier_re().is_match(&after) {
            continue;
        }
        if after.starts_with('的') || in_condition(norm, m.start, verb_end) || in_bare_line(norm, m.start) {
            continue;
        }
        let sentence = sentence_of(sentences, m.start);
        let sent_end = sentences.get(sentence).map_or(norm.len(), |s| s.1).min(norm.len()).max(verb_end);
        let mut end = sent_end;
        while end > verb_end && matches!(norm[end - 1], '。' | '；' | ';' | '.' | ' ') {
            end -= 1;
        }
        if by {
            // 由A制定，报B备案: the task is the clause, not what follows it.
            end = (verb_end..end).find(|&i| matches!(norm[i], '，' | ',')).unwrap_or(end);
        }
        end = end.min(verb_end + MAX_OBJECT_CHARS);
        let mut object: String = text[verb_end.min(text.len())..end.min(text.len())].iter().collect();
        if by && object.chars().filter(|c| is_han(*c)).count() < 4 {
            let by_at = m.start - 1;
            let mut before = clause_before(norm, text, by_at);
            if before.trim().is_empty() && by_at > 0 && matches!(norm[by_at - 1], '，' | ',') {
                before = clause_before(norm, text, by_at - 1);
            }
            if !before.trim().is_empty() {
                object = before;
            }
        }
        let pattern = if !partners.is_empty() {
            "jointly"
        } else if by {
            "by"
        } else {
            "subject"
        };
        for s in &subjects {
            out.push(RoleStatement {
                actor: s.entity.clone(),
                actor_text: s.text.clone(),
                actor_start: s.start,
                actor_end: s.end,
                verb: verb.to_string(),
                verb_start: pos,
                object: object.trim().to_string(),
                pattern: pattern.to_string(),
                partners: partners.clone(),
                start: if by { m.start - 1 } else { m.start },
                end,
                sentence,
            });
        }
        consumed_until = verb_end;
    }
    out
}
