//! One source: its text (inside the archive or inline), how its positions
//! were counted, and its selections and codings.

use super::dom::Elem;
use super::offsets::{Counting, SourceText};
use super::project::{note_refs, values, SourceLoader};
use super::refs::Guids;
use crate::model::*;
use crate::{Report, Result};

/// Decodes an XML file (`project.qde`, `.qdc`): UTF-8 or UTF-16, by the
/// same detector as every other text (byte-order mark first).
pub(crate) fn decode_text(bytes: &[u8]) -> Option<String> {
    policyscope_text::encoding::decode_exact(bytes.to_vec())
        .ok()
        .filter(|d| d.encoding.starts_with("UTF-"))
        .map(|d| d.text)
}

/// The text of a TextSource-like element: `Ok(Err(reason))` when it
/// cannot be had. A source file is decoded by the same detector as imported
/// files (byte-order mark first); one not in UTF-8 is noted in `report`
/// under `label`, and one that cannot be decoded says what was found.
pub(crate) fn text_of(
    e: &Elem,
    label: &str,
    load: &mut SourceLoader<'_>,
    report: &mut Report,
) -> Result<std::result::Result<String, String>> {
    if let Some(path) = e.attr("plainTextPath") {
        let Some(file) = path.strip_prefix("internal://") else {
            return Ok(Err(format!(
                "external file {path:?} is not imported (only sources inside the archive)"
            )));
        };
        if crate::read::archive::unsafe_name(file) || file.contains('/') {
            return Ok(Err(format!("unsafe source path {path:?}")));
        }
        return Ok(match load(file)? {
            None => Err(format!("source file {path:?} is missing from the archive")),
            Some(bytes) => match policyscope_text::encoding::decode_exact(bytes) {
                Ok(decoded) => {
                    if decoded.encoding != "UTF-8" {
                        report.warn(format!(
                            "{label}: source file {path:?} decoded from {} (REFI-QDA sources are UTF-8)",
                            decoded.encoding
                        ));
                    }
                    Ok(decoded.text)
                }
                Err(e) => Err(format!("source file {path:?} could not be decoded: {e}")),
            },
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

pub(crate) fn read_source(
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
    let raw = match text_of(elem, &label, load, report)? {
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
    let mut checks = NameChecks::default();
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
        let span = (start >= 0 && end >= 0)
            .then(|| resolve_span(&text, sel, counting, (start as u64, end as u64), &sel_label, &mut checks))
            .flatten();
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
    checks.report(&label, report);
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
fn choose_counting(
    text: &SourceText,
    e: &Elem,
    preferred: Counting,
    label: &str,
    report: &mut Report,
) -> Counting {
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

/// How selections' names compared with the text at their positions.
#[derive(Default)]
struct NameChecks {
    /// Read with another counting to match their names.
    recounted: Vec<String>,
    /// Names that match no reading.
    mismatched: Vec<String>,
}

fn resolve_span(
    text: &SourceText,
    sel: &Elem,
    counting: Counting,
    (start, end): (u64, u64),
    label: &str,
    checks: &mut NameChecks,
) -> Option<(usize, usize)> {
    let chosen = text.span(counting, start, end);
    let Some(name) = sel.attr("name") else { return chosen };
    if chosen.and_then(|sp| text.name_matches(name, sp)) != Some(false) {
        return chosen;
    }
    for c in text.candidates(counting) {
        if let Some(sp) = text.span(c, start, end) {
            if text.name_matches(name, sp) == Some(true) {
                checks.recounted.push(format!("{label} ({})", c.describe()));
                return Some(sp);
            }
        }
    }
    if chosen.is_some() {
        checks.mismatched.push(label.to_string());
    }
    chosen
}

impl NameChecks {
    fn report(self, label: &str, report: &mut Report) {
        let list = |v: &[String]| {
            let mut s = v.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
            if v.len() > 3 {
                s.push_str(&format!("; and {} more", v.len() - 3));
            }
            s
        };
        if !self.recounted.is_empty() {
            report.warn(format!(
                "{label}: {} selections read with another counting to match their names: {}",
                self.recounted.len(),
                list(&self.recounted)
            ));
        }
        if !self.mismatched.is_empty() {
            report.warn(format!(
                "{label}: {} selections whose names do not match the text at their positions (kept as given): {}",
                self.mismatched.len(),
                list(&self.mismatched)
            ));
        }
    }
}
