//! The Markdown summary: overview, the codes table and the citation links.

use std::fmt::Write as _;

use crate::model::StudyData;

/// Escapes text for a Markdown table cell or line.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders the summary of `data` as Markdown.
pub fn markdown(data: &StudyData) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", md(&data.title));
    let dates: Vec<policyscope_text::PolicyDate> = data.documents.iter().filter_map(|d| d.date).collect();
    let shown =
        |d: Option<&policyscope_text::PolicyDate>| d.map_or_else(|| "–".to_string(), |d| d.to_string());
    let _ = writeln!(
        s,
        "- Documents: {}\n- Dates: {} – {}\n- Codes: {}\n- Codings: {}",
        data.documents.len(),
        md(&shown(dates.iter().min())),
        md(&shown(dates.iter().max())),
        data.codes.len(),
        data.codings.len()
    );
    if let Some(g) = &data.graph {
        let _ = writeln!(
            s,
            "- Citation graph: {}, {}",
            crate::plural(g.nodes.len(), "document"),
            crate::plural(g.edges.len(), "link")
        );
    }
    for n in &data.notes {
        let _ = writeln!(s, "\n> {}", md(n));
    }
    if !data.codes.is_empty() {
        let _ = writeln!(s, "\n## Codes and documents\n\n| Code | Parent | Definition | Documents | Which |\n|---|---|---|---:|---|");
        for c in &data.codes {
            let ids = data.documents_with(c.id);
            let which: Vec<String> =
                ids.iter().filter_map(|id| data.document(*id)).map(|d| md(&crate::site_label(d))).collect();
            let parent = c.parent.and_then(|p| data.code(p)).map(|p| md(&p.name)).unwrap_or_default();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                md(&c.name),
                parent,
                md(&c.description),
                ids.len(),
                which.join(", ")
            );
        }
    }
    if let Some(g) = &data.graph {
        if !g.edges.is_empty() {
            let _ = writeln!(s, "\n## Citations\n\n| Citing | Cited | Times | Version |\n|---|---|---:|---|");
            for e in &g.edges {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    md(&g.nodes[e.from].label),
                    md(&g.nodes[e.to].label),
                    e.weight,
                    if e.later_than_citing { crate::svg::graph::LATER_NOTE } else { "" }
                );
            }
        }
    }
    if let Some(w) = data.missing.as_ref().filter(|w| !w.missing_versions.is_empty()) {
        let _ = writeln!(
            s,
            "\n## Cited versions missing from the project\n\n| Cited document | Needed: version in force on | Citing document | Resolved to (later) |\n|---|---|---|---|"
        );
        for m in &w.missing_versions {
            for n in &m.needed {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    md(&m.title),
                    n.citing.date.map_or_else(|| "–".to_string(), |d| d.to_string()),
                    md(&n.citing.title),
                    n.resolved_to.date.map_or_else(|| "–".to_string(), |d| d.to_string())
                );
            }
        }
    }
    let _ = writeln!(s, "\n## Documents\n\n| No. | Date | Title | Document number |\n|---|---|---|---|");
    for d in &data.documents {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            md(&crate::site_label(d)),
            md(&d.date.map(|d| d.to_string()).unwrap_or_default()),
            md(&d.title),
            md(d.docno.as_deref().unwrap_or(""))
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(md("a|b\nc <x>"), "a\\|b c \\<x\\>");
    }
}
