//! Checks a parsed codebook and builds its validated form.

use std::collections::HashMap;

use toml::Spanned;

use super::overlaps::term_overlaps;
use super::parse::{RawCode, RawFile};
use super::problem::{Locator, Problem, Severity};
use super::rules::{anchors, context_patterns, phrases, rule, CodeWide};
use super::{CodeDef, Codebook, DocRule};

pub(super) struct Ctx<'a, 'b> {
    pub(super) loc: &'a Locator<'b>,
    pub(super) problems: &'a mut Vec<Problem>,
}

impl Ctx<'_, '_> {
    pub(super) fn error(&mut self, at: usize, msg: String) {
        self.problems.push(self.loc.problem(Severity::Error, Some(at), msg));
    }
    pub(super) fn warn(&mut self, at: usize, msg: String) {
        self.problems.push(self.loc.problem(Severity::Warning, Some(at), msg));
    }
    fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }
}

pub(super) fn validate(raw: RawFile, loc: &Locator<'_>, problems: &mut Vec<Problem>) -> Option<Codebook> {
    let mut cx = Ctx { loc, problems };
    let (name, version, description) = header(&raw, &mut cx);
    let doc_rule = raw
        .codebook
        .as_ref()
        .and_then(|h| h.get_ref().doc_rule.as_ref())
        .and_then(|r| doc_rule(r, &mut cx))
        .unwrap_or_default();
    let codes = &raw.code;
    if !within_limits(codes, &mut cx) {
        return None;
    }
    let book_wide = match &raw.codebook {
        Some(h) => CodeWide {
            exclude: phrases(&h.get_ref().exclude, &mut cx).unwrap_or_default(),
            not_in: context_patterns(&h.get_ref().not_in, &mut cx).unwrap_or_default(),
        },
        None => CodeWide { exclude: Vec::new(), not_in: Vec::new() },
    };

    // Parents by name; a parent may also be written as a path ending in the name.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in codes.iter().enumerate() {
        let n = c.get_ref().name.get_ref();
        if n.trim().is_empty() || n.contains('/') || n.trim() != n {
            cx.error(
                c.get_ref().name.span().start,
                format!("bad code name {n:?}: not empty, no `/`, no surrounding spaces"),
            );
        }
        by_name.entry(n.as_str()).or_default().push(i);
    }
    let mut parent: Vec<Option<usize>> = vec![None; codes.len()];
    for (i, c) in codes.iter().enumerate() {
        let Some(p) = &c.get_ref().parent else { continue };
        let last = p.get_ref().rsplit('/').next().unwrap_or("");
        match by_name.get(last).map(Vec::as_slice) {
            None | Some([]) => cx.error(p.span().start, format!("unknown parent `{}`", p.get_ref())),
            Some([one]) => parent[i] = Some(*one),
            Some(many) => cx.error(
                p.span().start,
                format!("ambiguous parent `{}`: {} codes have this name", p.get_ref(), many.len()),
            ),
        }
    }
    let in_cycle = cycles(codes, &parent, &mut cx);
    let cyclic = in_cycle.iter().any(|&c| c);
    let deep = !cyclic && too_deep(codes, &parent, &mut cx);
    // With a cycle (or a chain too deep) there are no paths; the rules are
    // still checked (under the codes' own names) so every error is
    // reported at once.
    let paths: Vec<String> = if cyclic || deep {
        codes.iter().map(|c| c.get_ref().name.get_ref().clone()).collect()
    } else {
        code_paths(codes, &parent)
    };
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for (i, p) in paths.iter().enumerate().filter(|_| !cyclic && !deep) {
        let span = codes[i].get_ref().name.span().start;
        if let Some(&prev) = first_at.get(p.as_str()) {
            let (line, _) = cx.loc.at(codes[prev].get_ref().name.span().start);
            cx.error(span, format!("duplicate code `{p}` (first defined on line {line})"));
        } else {
            first_at.insert(p, i);
        }
    }

    let mut rule_ids: HashMap<String, usize> = HashMap::new();
    let mut defs: Vec<CodeDef> = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        defs.push(code_def(c, &paths[i], &book_wide, &mut rule_ids, &mut cx));
    }
    if cyclic || deep || cx.errors() > 0 {
        return None;
    }
    let ordered = tree_order(&parent).into_iter().map(|i| defs[i].clone()).collect();
    Some(Codebook {
        name,
        version,
        description,
        codes: ordered,
        doc_rule,
        warnings: Vec::new(),
        source: String::new(),
    })
}

/// Most rules in a codebook.
pub(super) const MAX_RULES: usize = 10_000;
/// Most terms in a codebook, all lists together.
pub(super) const MAX_TERMS: usize = 500_000;

/// Refuses codebooks with more rules or terms than the limits, before any
/// term is normalised.
fn within_limits(codes: &[Spanned<RawCode>], cx: &mut Ctx<'_, '_>) -> bool {
    let mut rules = 0usize;
    let mut terms = 0usize;
    for c in codes {
        let c = c.get_ref();
        terms += c.exclude.len() + c.anchors.as_ref().map_or(0, |a| a.get_ref().terms.len());
        for r in &c.rule {
            rules += 1;
            if rules == MAX_RULES + 1 {
                cx.error(r.span().start, format!("more than {MAX_RULES} rules in the codebook"));
                return false;
            }
            let r = r.get_ref();
            terms += r.terms.as_ref().map_or(0, |t| t.get_ref().len())
                + r.near.as_ref().map_or(0, |n| n.get_ref().a.len() + n.get_ref().b.len())
                + r.exclude.len();
        }
        if terms > MAX_TERMS {
            cx.error(c.name.span().start, format!("more than {MAX_TERMS} terms in the codebook"));
            return false;
        }
    }
    true
}

/// A `doc_rule` value, or an error at its place.
fn doc_rule(raw: &Spanned<String>, cx: &mut Ctx<'_, '_>) -> Option<DocRule> {
    match raw.get_ref().parse::<DocRule>() {
        Ok(r) => Some(r),
        Err(e) => {
            cx.error(raw.span().start, e.to_string());
            None
        }
    }
}

/// Deepest nesting of codes: a path is its ancestors' names, so deeper
/// chains would make paths (and their checks) grow with the square of the
/// chain.
pub(super) const MAX_CODE_DEPTH: usize = 100;

/// Reports each cycle of parents once per code on it (starting from that
/// code, as in `a → b → a`); returns which codes are on a cycle. Linear:
/// every code is walked up once, marking where the walk has been.
fn cycles(codes: &[Spanned<RawCode>], parent: &[Option<usize>], cx: &mut Ctx<'_, '_>) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnWalk,
        Done,
    }
    let mut mark = vec![Mark::New; codes.len()];
    let mut in_cycle = vec![false; codes.len()];
    let mut walk = Vec::new();
    for start in 0..codes.len() {
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| mark[i] == Mark::New) {
            mark[i] = Mark::OnWalk;
            walk.push(i);
            at = parent[i];
        }
        if let Some(i) = at.filter(|&i| mark[i] == Mark::OnWalk) {
            // The walk came back to itself: from `i` on, it is a cycle.
            let from = walk.iter().position(|&k| k == i).unwrap_or(0);
            for &k in &walk[from..] {
                in_cycle[k] = true;
            }
        }
        for k in walk.drain(..) {
            mark[k] = Mark::Done;
        }
    }
    let name = |k: usize| codes[k].get_ref().name.get_ref().as_str();
    for i in (0..codes.len()).filter(|&i| in_cycle[i]) {
        let mut names = vec![name(i)];
        let mut at = parent[i];
        while let Some(p) = at.filter(|&p| p != i) {
            names.push(name(p));
            at = parent[p];
        }
        let span = codes[i].get_ref().parent.as_ref().map(|s| s.span().start).unwrap_or(0);
        cx.error(span, format!("cycle of parents: {} → {}", names.join(" → "), names[0]));
    }
    in_cycle
}

/// Reports the codes nested one level deeper than [`MAX_CODE_DEPTH`] (their
/// descendants are not reported again); returns whether there were any.
/// Depths are computed once per code (parents have no cycle here).
fn too_deep(codes: &[Spanned<RawCode>], parent: &[Option<usize>], cx: &mut Ctx<'_, '_>) -> bool {
    let mut depth: Vec<usize> = vec![0; codes.len()];
    let mut known = vec![false; codes.len()];
    let mut any = false;
    let mut walk = Vec::new();
    for start in 0..codes.len() {
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| !known[i]) {
            walk.push(i);
            at = parent[i];
        }
        let mut d = at.map_or(0, |p| depth[p]);
        while let Some(i) = walk.pop() {
            d += 1;
            depth[i] = d;
            known[i] = true;
            if d == MAX_CODE_DEPTH + 1 {
                any = true;
                let raw = codes[i].get_ref();
                let at = raw.parent.as_ref().map_or(raw.name.span().start, |s| s.span().start);
                cx.error(
                    at,
                    format!(
                        "code `{}` is nested {d} levels deep; at most {MAX_CODE_DEPTH} are allowed",
                        raw.name.get_ref()
                    ),
                );
            }
        }
    }
    any
}

/// Every code's path (`Parent/Child`), each built from its parent's, which
/// is built first.
fn code_paths(codes: &[Spanned<RawCode>], parent: &[Option<usize>]) -> Vec<String> {
    let mut paths: Vec<Option<String>> = vec![None; codes.len()];
    let mut walk = Vec::new();
    for start in 0..codes.len() {
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| paths[i].is_none()) {
            walk.push(i);
            at = parent[i];
        }
        while let Some(i) = walk.pop() {
            let name = codes[i].get_ref().name.get_ref();
            let path = match parent[i].and_then(|p| paths[p].as_deref()) {
                Some(up) => format!("{up}/{name}"),
                None => name.clone(),
            };
            paths[i] = Some(path);
        }
    }
    paths.into_iter().map(Option::unwrap_or_default).collect()
}

/// Tree order (parents first, siblings in file order) so a store can
/// create codes one by one; iterative, so depth costs no stack.
fn tree_order(parent: &[Option<usize>]) -> Vec<usize> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); parent.len()];
    let mut roots = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    let mut out = Vec::with_capacity(parent.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        out.push(i);
        stack.extend(children[i].iter().rev());
    }
    out
}

fn header(raw: &RawFile, cx: &mut Ctx<'_, '_>) -> (String, String, String) {
    let Some(h) = &raw.codebook else {
        cx.error(0, "missing [codebook] table with `name` and `version`".into());
        return (String::new(), String::new(), String::new());
    };
    let at = h.span().start;
    let h = h.get_ref();
    let name = match &h.name {
        None => {
            cx.error(at, "[codebook] needs a `name`".into());
            String::new()
        }
        Some(n) => {
            let ok = !n.get_ref().is_empty()
                && n.get_ref().chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if !ok {
                cx.error(
                    n.span().start,
                    format!("codebook name {:?}: use letters, digits, `_`, `-`, `.`", n.get_ref()),
                );
            }
            n.get_ref().clone()
        }
    };
    let version = match &h.version {
        None => {
            cx.error(at, "[codebook] needs a `version`".into());
            String::new()
        }
        Some(v) => {
            let s = match v.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                _ => String::new(),
            };
            if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c == '@') {
                cx.error(
                    v.span().start,
                    "codebook version must be a non-empty string or number without spaces or `@`".into(),
                );
            }
            s
        }
    };
    (name, version, h.description.clone())
}

fn code_def(
    c: &Spanned<RawCode>,
    path: &str,
    book_wide: &CodeWide,
    rule_ids: &mut HashMap<String, usize>,
    cx: &mut Ctx<'_, '_>,
) -> CodeDef {
    let raw = c.get_ref();
    if let Some(col) = &raw.colour {
        let s = col.get_ref();
        if !(s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|ch| ch.is_ascii_hexdigit())) {
            cx.error(col.span().start, format!("colour {s:?} is not of the form #rrggbb"));
        }
    }
    if !raw.folder && raw.description.trim().is_empty() {
        cx.warn(raw.name.span().start, format!("code `{path}` has no description (its definition)"));
    }
    if raw.tags.iter().any(|t| t.trim().is_empty()) {
        cx.warn(raw.name.span().start, format!("code `{path}` has an empty tag"));
    }
    if raw.folder && !raw.rule.is_empty() {
        cx.error(
            raw.rule[0].span().start,
            format!("`{path}` is a folder: folders are not codable and take no rules"),
        );
    }
    let mut wide = CodeWide {
        exclude: phrases(&raw.exclude, cx).unwrap_or_default(),
        not_in: context_patterns(&raw.not_in, cx).unwrap_or_default(),
    };
    if !raw.folder {
        wide.exclude.extend(
            book_wide.exclude.iter().filter(|x| !wide.exclude.contains(x)).cloned().collect::<Vec<_>>(),
        );
        wide.not_in.extend(
            book_wide.not_in.iter().filter(|x| !wide.not_in.contains(x)).cloned().collect::<Vec<_>>(),
        );
    }
    if raw.folder && (raw.anchors.is_some() || !raw.exclude.is_empty() || !raw.not_in.is_empty()) {
        cx.error(
            raw.name.span().start,
            format!("`{path}` is a folder: it takes no anchors, exclusions or patterns"),
        );
    }
    let anchors = raw.anchors.as_ref().and_then(|a| anchors(a, &wide, cx));
    let doc_rule = raw.doc_rule.as_ref().and_then(|r| doc_rule(r, cx));
    let mut rules = Vec::new();
    for (n, r) in raw.rule.iter().enumerate() {
        let id = match &r.get_ref().id {
            Some(id) => id.get_ref().clone(),
            None => format!("{path}#{}", n + 1),
        };
        let at = r.get_ref().id.as_ref().map(|s| s.span().start).unwrap_or(r.span().start);
        if let Some(&prev) = rule_ids.get(&id) {
            let (line, _) = cx.loc.at(prev);
            cx.error(at, format!("duplicate rule id `{id}` (first used on line {line})"));
        } else {
            rule_ids.insert(id.clone(), at);
        }
        if let Some(rule) = rule(r, id, raw.unit.unwrap_or_default(), &wide, cx) {
            rules.push(rule);
        }
    }
    term_overlaps(&rules, path, c.span().start, cx);
    CodeDef {
        path: path.to_string(),
        name: raw.name.get_ref().clone(),
        description: raw.description.trim().to_string(),
        colour: raw.colour.as_ref().map(|s| s.get_ref().to_lowercase()),
        tags: raw.tags.clone(),
        folder: raw.folder,
        rules,
        anchors,
        doc_rule,
    }
}
