//! `project.qde` → [`QdaProject`], tolerant of what real exporters write,
//! listing everything it cannot carry in the [`Report`].

use std::collections::{HashMap, HashSet};

use super::dom::{self, Elem};
use super::offsets::{Counting, SourceText};
use super::refs::{self, Guids};
use super::source::{decode_text, read_source, text_of};
use crate::model::*;
use crate::{Error, Report, Result};

/// Loads a source file named in `internal://<file>`; `Ok(None)` if absent.
pub type SourceLoader<'a> = dyn FnMut(&str) -> Result<Option<Vec<u8>>> + 'a;
/// Parses a project file; `load` supplies internal sources.
pub fn read_qde(xml: &[u8], load: &mut SourceLoader<'_>) -> Result<(QdaProject, Report)> {
    let what = "project.qde";
    let text = decode_text(xml)
        .ok_or_else(|| Error::NotXml { what: what.into(), message: "not UTF-8 or UTF-16 text".into() })?;
    let root = dom::parse(&text, what)?;
    if root.name != "Project" {
        let hint = if root.name == "CodeBook" { " (this is a codebook: import it as .qdc)" } else { "" };
        return Err(Error::NotQdaXml {
            what: what.into(),
            message: format!("the root element is <{}>, not <Project>{hint}", root.name),
        });
    }
    let mut report = Report::default();
    match root.attr("xmlns") {
        Some(ns) if ns.starts_with("urn:QDA-XML:project") => {}
        other => report.warn(format!("unexpected namespace {other:?}; read as QDA-XML project")),
    }
    let origin = root.attr("origin").map(str::to_string);
    let mut p = QdaProject {
        name: root.attr("name").unwrap_or("").to_string(),
        origin: origin.clone(),
        creating_user: root.attr("creatingUserGUID").and_then(crate::guid::normalize),
        creation_time: root.attr("creationDateTime").map(str::to_string),
        description: root.kid_text("Description"),
        ..QdaProject::default()
    };
    let mut guids = Guids::default();
    for u in root.kid("Users").into_iter().flat_map(|e| e.kids("User")) {
        if let Some(guid) =
            guids.claim(u.attr("guid"), &format!("User {:?}", u.attr("name").unwrap_or("")), &mut report)
        {
            p.users.push(User { guid, name: u.attr("name").map(str::to_string) });
        }
    }
    if let Some(codes) = root.kid("CodeBook").and_then(|c| c.kid("Codes")) {
        p.codes = read_codes(codes, &mut guids, &mut report, true);
        refs::unflatten(&mut p.codes, origin.as_deref(), &mut report);
    }
    for v in root.kid("Variables").into_iter().flat_map(|e| e.kids("Variable")) {
        let name = v.attr("name").unwrap_or("").to_string();
        let Some(kind) = v.attr("typeOfVariable").and_then(VariableType::parse) else {
            report.lose(format!("Variable {name:?}"), "missing or unknown typeOfVariable");
            continue;
        };
        if let Some(guid) = guids.claim(v.attr("guid"), &format!("Variable {name:?}"), &mut report) {
            p.variables.push(Variable { guid, name, kind, description: v.kid_text("Description") });
        }
    }
    for c in root.kid("Cases").into_iter().flat_map(|e| e.kids("Case")) {
        let label = format!("Case {:?}", c.attr("name").unwrap_or(""));
        if let Some(guid) = guids.claim(c.attr("guid"), &label, &mut report) {
            let list = |name: &str| {
                c.kids(name).filter_map(|r| r.attr("targetGUID").and_then(crate::guid::normalize)).collect()
            };
            p.cases.push(Case {
                guid,
                name: c.attr("name").map(str::to_string),
                description: c.kid_text("Description"),
                code_refs: list("CodeRef"),
                values: values(c),
                source_refs: list("SourceRef"),
                selection_refs: list("SelectionRef"),
            });
        }
    }
    let preferred = match origin.as_deref() {
        Some(o) if o.to_lowercase().contains("atlas") => Counting::Collapsed,
        _ => Counting::Raw,
    };
    if let Some(sources) = root.kid("Sources") {
        for s in &sources.children {
            read_source(s, preferred, load, &mut guids, &mut p, &mut report)?;
        }
    }
    for n in root.kid("Notes").into_iter().flat_map(|e| e.kids("Note")) {
        let label = format!("Note {:?}", n.attr("name").unwrap_or(""));
        let text = match text_of(n, &label, load, &mut report)? {
            Ok(t) => SourceText::new(&t).norm,
            Err(why) => {
                report.lose(label, why);
                continue;
            }
        };
        if let Some(guid) = guids.claim(n.attr("guid"), &label, &mut report) {
            p.notes.push(Note {
                guid,
                name: n.attr("name").map(str::to_string),
                text,
                creating_user: n.attr("creatingUser").and_then(crate::guid::normalize),
                creation_time: n.attr("creationDateTime").map(str::to_string),
            });
        }
    }
    for l in root.kid("Links").into_iter().flat_map(|e| e.kids("Link")) {
        if let Some(guid) = guids.claim(l.attr("guid"), "Link", &mut report) {
            p.links.push(Link {
                guid,
                name: l.attr("name").map(str::to_string),
                origin: l.attr("originGUID").and_then(crate::guid::normalize),
                target: l.attr("targetGUID").and_then(crate::guid::normalize),
            });
        }
    }
    p.note_refs = note_refs(&root);
    for (element, what) in [("Sets", "Set"), ("Graphs", "Graph")] {
        for e in root.kid(element).into_iter().flat_map(|e| e.kids(what)) {
            report.lose(
                format!("{what} {:?}", e.attr("name").unwrap_or("")),
                format!("{element} are not supported"),
            );
        }
    }
    refs::resolve(&mut p, &guids, &mut report);
    Ok((p, report))
}

/// Reads a `<Codes>` element (project or codebook).
pub(crate) fn read_codes(
    codes: &Elem,
    guids: &mut Guids,
    report: &mut Report,
    with_notes: bool,
) -> Vec<QdaCode> {
    let mut out = Vec::new();
    for c in codes.kids("Code") {
        let name = c.attr("name").unwrap_or("").trim().to_string();
        let label = format!("Code {name:?}");
        if name.is_empty() {
            report.lose(label, "code without a name (with its sub-codes and codings)");
            continue;
        }
        let Some(guid) = guids.claim(c.attr("guid"), &label, report) else { continue };
        let codable = match c.attr("isCodable") {
            Some(v) => matches!(v.trim(), "true" | "1"),
            None => {
                report.warn(format!("{label}: no isCodable; taken as codable"));
                true
            }
        };
        let color = c.attr("color").and_then(|v| normalize_color(v, &label, report));
        let nested = Elem { children: c.kids("Code").cloned().collect(), ..Elem::default() };
        out.push(QdaCode {
            guid,
            name,
            codable,
            color,
            description: c.kid_text("Description").filter(|d| !d.trim().is_empty()),
            note_refs: if with_notes { note_refs(c) } else { Vec::new() },
            children: read_codes(&nested, guids, report, with_notes),
        });
    }
    out
}

fn normalize_color(v: &str, label: &str, report: &mut Report) -> Option<String> {
    let hex = v.trim().strip_prefix('#').unwrap_or(v.trim());
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        report.warn(format!("{label}: colour {v:?} is not #RRGGBB; dropped"));
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!("#{}", hex.chars().flat_map(|c| [c, c]).collect::<String>().to_ascii_lowercase())),
        _ => {
            report.warn(format!("{label}: colour {v:?} is not #RRGGBB; dropped"));
            None
        }
    }
}

pub(crate) fn note_refs(e: &Elem) -> Vec<String> {
    e.kids("NoteRef").filter_map(|r| r.attr("targetGUID").and_then(crate::guid::normalize)).collect()
}

pub(crate) fn values(e: &Elem) -> Vec<VariableValue> {
    e.kids("VariableValue")
        .filter_map(|v| {
            let var = v.kid("VariableRef")?.attr("targetGUID").and_then(crate::guid::normalize)?;
            let value = v.children.iter().find(|c| c.name.ends_with("Value"))?.text.clone();
            Some(VariableValue { variable: var, value })
        })
        .collect()
}

/// Collects every GUID the model refers to, by kind.
pub(crate) fn known(p: &QdaProject) -> (HashSet<String>, HashMap<String, &'static str>) {
    let mut codes = HashSet::new();
    QdaCode::walk(&p.codes, &mut Vec::new(), &mut |_, c| {
        codes.insert(c.guid.clone());
    });
    let mut kinds = HashMap::new();
    for s in &p.sources {
        kinds.insert(s.guid.clone(), "source");
        for sel in &s.selections {
            kinds.insert(sel.guid.clone(), "selection");
        }
    }
    for c in &p.cases {
        kinds.insert(c.guid.clone(), "case");
    }
    for n in &p.notes {
        kinds.insert(n.guid.clone(), "note");
    }
    (codes, kinds)
}
