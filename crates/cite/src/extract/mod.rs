//! Finding references in a text: titles ([`title`]), document numbers
//! ([`docno`]), short names ([`alias`]) and self-references ([`selfref`]).
//!
//! Extraction knows nothing of the project: whether a `《…》` names a
//! document at all is decided at resolution, where the project and catalog
//! are known.

pub mod alias;
pub mod docno;
pub mod selfref;
pub mod title;

use crate::model::{RefKind, Reference};

/// Everything extraction found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// References in text order (by start offset).
    pub references: Vec<Reference>,
    /// Spans of `本法`, `本条例` … (not citations).
    pub self_refs: Vec<(usize, usize)>,
    /// Document numbers (canonical) the text gives as its own
    /// ([`selfref::own_numbers`]).
    pub own_numbers: Vec<String>,
}

/// Extracts the references of `text`; offsets are code points.
pub fn extract(text: &str) -> Extraction {
    let chars: Vec<char> = text.chars().collect();
    let titles = title::find_titles(&chars);
    let placed = docno::place_numbers(text, &chars, &titles);
    let mut attached: Vec<Option<String>> = vec![None; titles.len()];
    let mut refs = Vec::new();
    for p in placed {
        match p {
            docno::Placement::AfterTitle(i, n) => attached[i] = Some(n.canonical()),
            docno::Placement::Standalone(n) => refs.push(Reference {
                kind: RefKind::Docno,
                text: slice(&chars, n.start, n.end),
                name: n.canonical(),
                clause: None,
                docno: Some(n.canonical()),
                start: n.start,
                end: n.end,
                alias_of: None,
            }),
        }
    }
    // Short names, in text order, with the title that introduced them.
    let mut defs: Vec<(alias::AliasDef, usize)> = Vec::new();
    for t in &titles {
        if let Some(def) = alias::alias_after(&chars, t.end) {
            defs.push((def, t.start));
        }
    }
    for (t, docno) in titles.iter().zip(attached) {
        // The marked short name inside `（以下简称《…》）` is a definition.
        if defs.iter().any(|(d, origin)| *origin < t.start && t.end <= d.end) {
            continue;
        }
        let def = defs.iter().find(|(d, _)| d.end <= t.start && d.name == t.title);
        refs.push(Reference {
            kind: if def.is_some() { RefKind::Alias } else { RefKind::Title },
            text: slice(&chars, t.start, t.end),
            name: t.title.clone(),
            clause: t.clause.clone(),
            docno,
            start: t.start,
            end: t.end,
            alias_of: def.map(|(_, s)| *s),
        });
    }
    let mut taken: Vec<(usize, usize)> = refs.iter().map(|r| (r.start, r.end)).collect();
    // The parentheses that define short names are not uses of other short names.
    for (def, origin) in &defs {
        if let Some(t) = titles.iter().find(|t| t.start == *origin) {
            taken.push((t.end, def.end));
        }
    }
    for (def, origin) in defs.iter().filter(|(d, _)| !d.marked) {
        for (s, e) in alias::bare_uses(&chars, &def.name, def.end) {
            if taken.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            taken.push((s, e));
            refs.push(Reference {
                kind: RefKind::Alias,
                text: def.name.clone(),
                name: def.name.clone(),
                clause: None,
                docno: None,
                start: s,
                end: e,
                alias_of: Some(*origin),
            });
        }
    }
    refs.sort_by_key(|r| (r.start, r.end));
    let self_refs = selfref::find_self_refs(text)
        .into_iter()
        .filter(|&(s, e)| !titles.iter().any(|t| s < t.end && t.start < e))
        .collect();
    Extraction { references: refs, self_refs, own_numbers: selfref::own_numbers(text) }
}

fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start.min(chars.len())..end.min(chars.len())].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_resolve_to_their_definition() {
        let text = "依据《中华人民共和国标准化法》（以下简称《标准化法》）制定。《标准化法》规定";
        let ex = extract(text);
        assert_eq!(ex.references.len(), 2);
        assert_eq!(ex.references[0].kind, RefKind::Title);
        assert_eq!(ex.references[1].kind, RefKind::Alias);
        assert_eq!(ex.references[1].alias_of, Some(2));
    }

    #[test]
    fn bare_short_names_are_found_after_their_definition() {
        let text = "《中华人民共和国标准化法》（以下简称标准化法）。依照标准化法第五条";
        let ex = extract(text);
        let kinds: Vec<_> = ex.references.iter().map(|r| (r.kind, r.text.as_str())).collect();
        assert_eq!(kinds, [(RefKind::Title, "《中华人民共和国标准化法》"), (RefKind::Alias, "标准化法")]);
        let text =
            "《中华人民共和国道路交通安全法》（以下简称道路交通安全法）和《某省实施〈道路交通安全法〉办法》\
                    （以下简称省实施道路交通安全法办法）";
        let ex = extract(text);
        assert_eq!(
            ex.references.iter().filter(|r| r.kind == RefKind::Alias).count(),
            0,
            "{:?}",
            ex.references
        );
    }

    #[test]
    fn numbers_and_self_references() {
        let text = "根据国发〔2017〕35号和《规划》（国办发[2019]5号），制定本办法。";
        let ex = extract(text);
        assert_eq!(ex.references.len(), 2);
        assert_eq!(ex.references[0].kind, RefKind::Docno);
        assert_eq!(ex.references[1].docno.as_deref(), Some("国办发〔2019〕5号"));
        assert_eq!(ex.self_refs.len(), 1);
    }
}
