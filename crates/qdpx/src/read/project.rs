//! `project.qde` → [`QdaProject`], tolerant of what real exporters write,
//! listing everything it cannot carry in the [`Report`].

use std::collections::{HashMap, HashSet};

use super::dom::{self, Elem};
use super::offsets::{Counting, SourceText};
use super::refs::{self, Guids};
use crate::model::*;
use crate::{Error, Report, Result};

/// Loads a source file named in `internal://<file>`; `Ok(None)` if absent.
pub type SourceLoader<'a> = dyn FnMut(&str) -> Result<Option<Vec<u8>>> + 'a;

/// Decodes the bytes of a text source: UTF-8 (BOM optional) or UTF-16 with BOM.
pub(crate) fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).ok();
    }
    let utf16 = |le: bool, body: &[u8]| -> Option<String> {
        if body.len() % 2 != 0 {
            return None;
        }
        let units = body.chunks_exact(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
        char::decode_utf16(units).collect::<std::result::Result<String, _>>().ok()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(true, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(false, rest);
    }
    String::from_utf8(bytes.to_vec()).ok()
}

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
        if let Some(guid) = guids.claim(u.attr("guid"), &format!("User {:?}", u.attr("name").unwrap_or("")), &mut report)
        {
            p.users.push(User { guid, name: u.attr("name").map(str::to_string) });
        }
    }
    if let Some(codes) = root.kid("CodeBook").and_then(|c| c.kid("Codes")) {
        p.codes = read_codes(codes, &mut guids, &mut report, true);
        refs::unflatten(&mut p.codes, &mut report);
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
            let list = |name: &str| c.kids(name).filter_map(|r| r.attr("targetGUID").and_then(crate::guid::normalize)).collect();
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
        let text = match text_of(n, load)? {
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
            report.lose(format!("{what} {:?}", e.attr("name").unwrap_or("")), format!("{element} are not supported"));
        }
    }
    refs::resolve(&mut p, &guids, &mut report);
    Ok((p, report))
}

/// Reads a `<Codes>` element (project or codebook).
pub(crate) fn read_codes(codes: &Elem, guids: &mut Guids, report: &mut Report, with_notes: bool) -> Vec<QdaCode> {
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

fn note_refs(e: &Elem) -> Vec<String> {
    e.kids("NoteRef").filter_map(|r| r.attr("targetGUID").and_then(crate::guid::normalize)).collect()
}

fn values(e: &Elem) -> Vec<VariableValue> {
    e.kids("VariableValue")
        .filter_map(|v| {
            let var = v.kid("VariableRef")?.attr("targetGUID").and_then(crate::guid::normalize)?;
            let value = v.children.iter().find(|c| c.name.ends_with("Value"))?.text.clone();
            Some(VariableValue { variable: var, value })
        })
        .collect()
}

/// The text of a TextSource-like element: `Ok(Err(reason))` when it
/// cannot be had.
fn text_of(e: &Elem, load: &mut SourceLoader<'_>) -> Result<std::result::Result<String, String>> {
    if let Some(path) = e.attr("plainTextPath") {
        let Some(file) = path.strip_prefix("internal://") else {
            return Ok(Err(format!("external file {path:?} is not imported (only sources inside the archive)")));
        };
        if crate::read::archive::unsafe_name(file) || file.contains('/') {
            return Ok(Err(format!("unsafe source path {path:?}")));
        }
        return Ok(match load(file)? {
            None => Err(format!("source file {path:?} is missing from the archive")),
            Some(bytes) => decode_text(&bytes).ok_or_else(|| format!("source file {path:?} is not UTF-8 text")),
        });
    }
    if let Some(t) = e.kid("PlainTextContent") {
        return Ok(Ok(t.text.clone()));
    }
    match e.attr("richTextPath") {
        Some(p) => Ok(Err(format!("rich text {p:?} without a plain-text representation"))),
        None => Ok(Err("no text (neither plainTextPath nor PlainTextContent)".into())),
    }
}

fn read_source(
    s: &Elem,
    preferred: Counting,
    load: &mut SourceLoader<'_>,
    guids: &mut Guids,
    p: &mut QdaProject,
    report: &mut Report,
) -> Result<()> {
    let name = s.attr("name").map(str::to_string);
    let label = format!("{} {:?}", s.name, name.as_deref().unwrap_or(""));
    let (elem, extra) = match s.name.as_str() {
        "TextSource" => (s, None),
        "PDFSource" => match s.kid("Representation") {
            Some(r) => (r, Some(s)),
            None => {
                report.lose(label, "PDF without a plain-text representation");
                return Ok(());
            }
        },
        _ => {
            report.lose(label, "only text sources (and the text of PDFs) are imported");
            return Ok(());
        }
    };
    if let Some(pdf) = extra {
        let n = pdf.kids("PDFSelection").count();
        if n > 0 {
            report.lose(format!("{label}: {n} PDF area selections"), "area selections are not supported");
        }
        report.warn(format!("{label}: imported as its plain-text representation"));
    }
    let raw = match text_of(elem, load)? {
        Ok(t) => t,
        Err(why) => {
            let n = count_codings(elem);
            report.lose(format!("{label} with {n} codings"), why);
            return Ok(());
        }
    };
    let Some(guid) = guids.claim(elem.attr("guid").or(s.attr("guid")), &label, report) else { return Ok(()) };
    let text = SourceText::new(&raw);
    let counting = choose_counting(&text, elem, preferred, &label, report);
    let mut src = TextSource {
        guid,
        name: name.or_else(|| elem.attr("name").map(str::to_string)),
        creating_user: s.attr("creatingUser").and_then(crate::guid::normalize),
        creation_time: s.attr("creationDateTime").map(str::to_string),
        description: s.kid_text("Description").filter(|d| !d.trim().is_empty()),
        note_refs: note_refs(s),
        values: values(s),
        ..TextSource::default()
    };
    for sel in elem.kids("PlainTextSelection") {
        let sel_label = format!(
            "{label}: selection {:?} [{}, {})",
            sel.attr("name").unwrap_or(""),
            sel.attr("startPosition").unwrap_or("?"),
            sel.attr("endPosition").unwrap_or("?")
        );
        let pos = |a: &str| sel.attr(a).and_then(|v| v.trim().parse::<i64>().ok());
        let (Some(start), Some(end)) = (pos("startPosition"), pos("endPosition")) else {
            report.lose(sel_label, "missing or non-numeric start/end position");
            continue;
        };
        let span = (start >= 0 && end >= 0).then(|| resolve_span(&text, sel, counting, start as u64, end as u64, &sel_label, report)).flatten();
        let Some((s0, e0)) = span else {
            report.lose(
                format!("{sel_label} with {} codings", sel.kids("Coding").count()),
                format!("span [{start}, {end}) is empty or outside the text ({} code points)", text.len()),
            );
            continue;
        };
        let Some(sguid) = guids.claim(sel.attr("guid"), &sel_label, report) else { continue };
        src.selections.push(Selection {
            guid: sguid,
            name: sel.attr("name").map(str::to_string),
            start: s0 as u64,
            end: e0 as u64,
            creating_user: sel.attr("creatingUser").and_then(crate::guid::normalize),
            creation_time: sel.attr("creationDateTime").map(str::to_string),
            description: sel.kid_text("Description").filter(|d| !d.trim().is_empty()),
            codings: codings(sel, guids, &sel_label, report),
            note_refs: note_refs(sel),
        });
    }
    src.codings = codings(elem, guids, &label, report);
    src.text = text.norm;
    p.sources.push(src);
    Ok(())
}

fn count_codings(e: &Elem) -> usize {
    e.kids("Coding").count() + e.kids("PlainTextSelection").map(|s| s.kids("Coding").count()).sum::<usize>()
}

fn codings(e: &Elem, guids: &mut Guids, label: &str, report: &mut Report) -> Vec<QdaCoding> {
    let mut out = Vec::new();
    for c in e.kids("Coding") {
        let code = c.kid("CodeRef").and_then(|r| r.attr("targetGUID")).and_then(crate::guid::normalize);
        let Some(code) = code else {
            report.lose(format!("{label}: a coding"), "no valid CodeRef");
            continue;
        };
        let Some(guid) = guids.claim(c.attr("guid"), &format!("{label}: coding"), report) else { continue };
        out.push(QdaCoding {
            guid,
            code,
            creating_user: c.attr("creatingUser").and_then(crate::guid::normalize),
            creation_time: c.attr("creationDateTime").map(str::to_string),
            note_refs: note_refs(c),
        });
    }
    out
}

/// Picks the counting that makes the most named selections match their
/// names; the exporter's usual counting wins ties.
fn choose_counting(text: &SourceText, e: &Elem, preferred: Counting, label: &str, report: &mut Report) -> Counting {
    let candidates = text.candidates(preferred);
    if candidates.len() == 1 {
        return preferred;
    }
    let score = |c: Counting| {
        e.kids("PlainTextSelection")
            .filter(|sel| {
                let pos = |a: &str| sel.attr(a).and_then(|v| v.trim().parse::<u64>().ok());
                match (pos("startPosition"), pos("endPosition"), sel.attr("name")) {
                    (Some(s), Some(en), Some(name)) => {
                        text.span(c, s, en).and_then(|sp| text.name_matches(name, sp)) == Some(true)
                    }
                    _ => false,
                }
            })
            .count()
    };
    let mut best = (preferred, score(preferred));
    for &c in &candidates[1..] {
        let s = score(c);
        if s > best.1 {
            best = (c, s);
        }
    }
    if best.0 != preferred {
        report.warn(format!(
            "{label}: positions read as {} ({} selections match their names that way)",
            best.0.describe(),
            best.1
        ));
    } else if text.has_crlf {
        report.warn(format!("{label}: CRLF line ends; positions read as {}", best.0.describe()));
    }
    best.0
}

fn resolve_span(
    text: &SourceText,
    sel: &Elem,
    counting: Counting,
    start: u64,
    end: u64,
    label: &str,
    report: &mut Report,
) -> Option<(usize, usize)> {
    let chosen = text.span(counting, start, end);
    let Some(name) = sel.attr("name") else { return chosen };
    if chosen.and_then(|sp| text.name_matches(name, sp)) != Some(false) {
        return chosen;
    }
    for c in text.candidates(counting) {
        if let Some(sp) = text.span(c, start, end) {
            if text.name_matches(name, sp) == Some(true) {
                report.warn(format!("{label}: positions read as {} to match its name", c.describe()));
                return Some(sp);
            }
        }
    }
    if chosen.is_some() {
        report.warn(format!("{label}: its name does not match the text at [{start}, {end})"));
    }
    chosen
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
