//! GUID bookkeeping and the clean-up after parsing: duplicate and dangling
//! references, flat `Parent::Child` code names, nameless cases.

use std::collections::HashMap;

use crate::model::*;
use crate::Report;

/// GUIDs seen so far and what carried them.
#[derive(Debug, Default)]
pub(crate) struct Guids {
    seen: HashMap<String, String>,
}

impl Guids {
    /// Registers the GUID of `what`; `None` (and a loss entry) when it is
    /// missing, malformed or already used.
    pub(crate) fn claim(&mut self, raw: Option<&str>, what: &str, report: &mut Report) -> Option<String> {
        let Some(raw) = raw else {
            report.lose(what, "no GUID");
            return None;
        };
        let Some(g) = crate::guid::normalize(raw) else {
            report.lose(what, format!("malformed GUID {raw:?}"));
            return None;
        };
        if let Some(first) = self.seen.get(&g) {
            report.lose(what, format!("duplicate GUID {g} (already used by {first})"));
            return None;
        }
        self.seen.insert(g.clone(), what.to_string());
        Some(g)
    }
}

/// ATLAS.ti writes a flat code list with names like `Parent::Child`; turn
/// it into a tree (missing parents become folders). Files policyscope wrote
/// are nested already and are left alone (a name may contain `::`).
pub(crate) fn unflatten(codes: &mut Vec<QdaCode>, origin: Option<&str>, report: &mut Report) {
    if origin.is_some_and(|o| o.starts_with("policyscope")) {
        return;
    }
    let nested = codes.iter().any(|c| !c.children.is_empty());
    if nested || !codes.iter().any(|c| c.name.contains("::")) {
        return;
    }
    let flat = std::mem::take(codes);
    let n = flat.len();
    for mut code in flat {
        let parts: Vec<String> = code.name.split("::").map(|s| s.trim().to_string()).collect();
        if parts.len() < 2 || parts.iter().any(String::is_empty) {
            insert_at(codes, &[], code);
            continue;
        }
        code.name = parts[parts.len() - 1].clone();
        insert_at(codes, &parts[..parts.len() - 1], code);
    }
    report.warn(format!("{n} codes with flat `Parent::Child` names were arranged as a tree"));
}

fn insert_at(level: &mut Vec<QdaCode>, path: &[String], code: QdaCode) {
    let Some((head, rest)) = path.split_first() else {
        // A code may arrive after a folder made for its name: merge them.
        if let Some(existing) =
            level.iter_mut().find(|c| c.name == code.name && c.guid.starts_with("folder:"))
        {
            let children = std::mem::take(&mut existing.children);
            *existing = QdaCode { children, ..code };
        } else {
            level.push(code);
        }
        return;
    };
    let idx = match level.iter().position(|c| &c.name == head) {
        Some(i) => i,
        None => {
            level.push(QdaCode {
                guid: format!("folder:{head}"),
                name: head.clone(),
                codable: false,
                ..QdaCode::default()
            });
            level.len() - 1
        }
    };
    insert_at(&mut level[idx].children, rest, code);
}

/// Gives folders made by [`unflatten`] real GUIDs derived from their path.
pub(crate) fn finish_folders(codes: &mut [QdaCode], prefix: &str) {
    for c in codes {
        let path = if prefix.is_empty() { c.name.clone() } else { format!("{prefix}::{}", c.name) };
        if c.guid.starts_with("folder:") {
            c.guid = crate::guid::stable(&format!("qdpx-folder:{path}"));
        }
        finish_folders(&mut c.children, &path);
    }
}

/// Drops dangling references (with loss entries) and moves the variables
/// of nameless cases onto their sources.
pub(crate) fn resolve(p: &mut QdaProject, _guids: &Guids, report: &mut Report) {
    finish_folders(&mut p.codes, "");
    let (codes, kinds) = super::project::known(p);
    let notes: std::collections::HashSet<String> = p.notes.iter().map(|n| n.guid.clone()).collect();
    let vars: std::collections::HashSet<String> = p.variables.iter().map(|v| v.guid.clone()).collect();
    // Nameless cases (MAXQDA, Quirkos) only attach variables to sources.
    let mut keep = Vec::new();
    for case in std::mem::take(&mut p.cases) {
        let nameless = case.name.as_deref().is_none_or(|n| n.trim().is_empty());
        if nameless
            && !case.source_refs.is_empty()
            && case.code_refs.is_empty()
            && case.selection_refs.is_empty()
        {
            for sref in &case.source_refs {
                match p.sources.iter_mut().find(|s| &s.guid == sref) {
                    Some(src) => src.values.extend(case.values.iter().cloned()),
                    None => report.lose(
                        format!("Case {}: variables", case.guid),
                        format!("refers to missing source {sref}"),
                    ),
                }
            }
        } else {
            keep.push(case);
        }
    }
    p.cases = keep;
    for src in &mut p.sources {
        let label = format!("TextSource {:?}", src.name.as_deref().unwrap_or(""));
        let check = |refs: &mut Vec<String>, what: &str, report: &mut Report| {
            refs.retain(|r| {
                let ok = notes.contains(r);
                if !ok {
                    report.lose(format!("{what}: NoteRef"), format!("refers to missing note {r}"));
                }
                ok
            });
        };
        check(&mut src.note_refs, &label, report);
        src.values.retain(|v| {
            let ok = vars.contains(&v.variable);
            if !ok {
                report.lose(
                    format!("{label}: a variable value"),
                    format!("refers to missing variable {}", v.variable),
                );
            }
            ok
        });
        let check_codings = |list: &mut Vec<QdaCoding>, what: &str, report: &mut Report| {
            list.retain_mut(|c| {
                if !codes.contains(&c.code) {
                    let why = match kinds.get(&c.code) {
                        Some(&"case") => {
                            "case coding (refers to a case, not a code) is not supported".to_string()
                        }
                        _ => format!("refers to missing code {}", c.code),
                    };
                    report.lose(format!("{what}: coding {}", c.guid), why);
                    return false;
                }
                c.note_refs.retain(|r| notes.contains(r));
                true
            });
        };
        check_codings(&mut src.codings, &label, report);
        for sel in &mut src.selections {
            let sl = format!("{label}: selection [{}, {})", sel.start, sel.end);
            check_codings(&mut sel.codings, &sl, report);
            check(&mut sel.note_refs, &sl, report);
        }
    }
    for case in &p.cases {
        report.lose(
            format!("Case {:?}", case.name.as_deref().unwrap_or(&case.guid)),
            "cases are not represented in policyscope (their sources are imported)",
        );
    }
    p.links.retain(|l| {
        let ok = l
            .origin
            .as_ref()
            .is_some_and(|o| notes.contains(o) || kinds.contains_key(o) || codes.contains(o))
            && l.target
                .as_ref()
                .is_some_and(|t| notes.contains(t) || kinds.contains_key(t) || codes.contains(t));
        if !ok {
            report.lose(
                format!("Link {:?}", l.name.as_deref().unwrap_or(&l.guid)),
                "an end refers to a missing object",
            );
        }
        ok
    });
    let mut code_notes = Vec::new();
    QdaCode::walk(&p.codes, &mut Vec::new(), &mut |_, c| code_notes.extend(c.note_refs.iter().cloned()));
    for r in code_notes.iter().chain(&p.note_refs) {
        if !notes.contains(r) {
            report.lose("NoteRef", format!("refers to missing note {r}"));
        }
    }
}
