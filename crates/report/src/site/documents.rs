//! `docs/index.html` and one page per document: the text by paragraph,
//! coded passages highlighted in their codes' colours, a coding stripe in
//! the margin, and a `p. N` marker where each page of a paged document
//! (PDF, OFD) starts.

use std::collections::HashMap;

use policyscope_corpus::display::Shown;
use policyscope_corpus::{DocumentMeta, DocumentPage, Project};

use super::{doc_label, safe_color, swatch, Writer};
use crate::html::highlight::{render, Mark};
use crate::html::layout::Page;
use crate::html::{escape, push_escaped};
use crate::model::{Coding, StudyData};
use crate::Result;

/// Non-blank lines of `text` as code-point ranges `[start, end)`.
pub(crate) fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    let mut blank = true;
    for c in text.chars() {
        if c == '\n' {
            if !blank {
                out.push((start, pos));
            }
            start = pos + 1;
            blank = true;
        } else if !c.is_whitespace() {
            blank = false;
        }
        pos += 1;
    }
    if !blank {
        out.push((start, pos));
    }
    out
}

pub(crate) fn write(w: &mut Writer<'_>, project: &Project, data: &StudyData) -> Result<()> {
    let mut by_doc: HashMap<i64, Vec<&Coding>> = HashMap::new();
    for c in &data.codings {
        by_doc.entry(c.doc_id).or_default().push(c);
    }
    // The list.
    let mut body = String::from(
        "<table><thead><tr><th>No.</th><th>Date</th><th>Title</th><th>Document number</th><th>Type</th>\
         <th class=\"num\">Codings</th></tr></thead><tbody>",
    );
    for d in &data.documents {
        body.push_str(&format!(
            "<tr><td>{}</td><td class=\"date\">{}</td><td><a href=\"{}.html\" lang=\"{}\">{}</a>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            escape(&doc_label(d)),
            escape(&d.date.map(|d| d.to_string()).unwrap_or_default()),
            d.id,
            crate::html::lang_of(&d.title),
            escape(&d.title),
            d.title_en.as_deref().map(|t| format!("<br><small class=\"muted\">{}</small>", escape(t))).unwrap_or_default(),
            escape(d.docno.as_deref().unwrap_or("")),
            escape(d.doc_type.as_deref().unwrap_or("")),
            by_doc.get(&d.id).map_or(0, Vec::len)
        ));
    }
    body.push_str("</tbody></table>");
    w.page(
        "docs/index.html",
        &Page { title: "Documents", root: "../", section: "docs/index.html", body, scripts: &[] },
    )?;

    for d in &data.documents {
        let doc = project.document(d.id)?;
        let codings = by_doc.get(&d.id).map(Vec::as_slice).unwrap_or(&[]);
        let pages = project.pages(d.id)?;
        // The gathered metadata, whose paths are shown relative to the imported folder.
        let body = document_body(data, d, &doc.text, codings, &pages);
        w.page(
            &format!("docs/{}.html", d.id),
            &Page { title: &d.title, root: "../", section: "docs/index.html", body, scripts: &[] },
        )?;
    }
    Ok(())
}

/// The body of a document page.
fn document_body(
    data: &StudyData,
    meta: &policyscope_corpus::DocumentMeta,
    text: &str,
    codings: &[&Coding],
    pages: &[DocumentPage],
) -> String {
    let mut s = String::from("<dl class=\"facts doc-meta\">");
    let mut fact = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            s.push_str(&format!("<dt>{k}</dt><dd>{}</dd>", escape(v)));
        }
    };
    fact("No.", Some(&doc_label(meta)));
    fact("English title", meta.title_en.as_deref());
    fact("Date", meta.date.map(|d| d.to_string()).as_deref());
    fact("Document number", meta.docno.as_deref());
    fact("Type", meta.doc_type.as_deref());
    fact("Issuer", meta.issuer.as_deref());
    fact("Language", Some(&meta.language));
    fact("Source", Some(&meta.source_path));
    s.push_str("</dl>");
    s.push_str(&translation_links(data, meta));
    // Cited and citing documents from the graph.
    if let Some(g) = &data.graph {
        if let Some(me) = g.nodes.iter().position(|n| n.doc_id == Some(meta.id)) {
            let link = |i: usize| {
                let n = &g.nodes[i];
                match n.doc_id {
                    Some(d) => format!("<a href=\"{d}.html\">{}</a>", escape(&n.label)),
                    None => escape(&n.label),
                }
            };
            // A link to a version issued after this document stands in for
            // the version it cited, which the project lacks.
            let cites: Vec<String> = g
                .edges
                .iter()
                .filter(|e| e.from == me)
                .map(|e| match e.later_than_citing {
                    true => format!(
                        "{} <small class=\"later-than-citing\">({})</small>",
                        link(e.to),
                        crate::svg::graph::LATER_NOTE
                    ),
                    false => link(e.to),
                })
                .collect();
            let cited: Vec<String> = g.edges.iter().filter(|e| e.to == me).map(|e| link(e.from)).collect();
            if !cites.is_empty() {
                s.push_str(&format!("<p><strong>Cites:</strong> {}</p>", cites.join(", ")));
            }
            if !cited.is_empty() {
                s.push_str(&format!("<p><strong>Cited by:</strong> {}</p>", cited.join(", ")));
            }
        }
    }
    // Legend of the codes used here.
    let mut used: Vec<i64> = codings.iter().map(|c| c.code_id).collect();
    used.sort_unstable();
    used.dedup();
    if !used.is_empty() {
        s.push_str("<div class=\"legend\">");
        for id in &used {
            if let Some(c) = data.code(*id) {
                let n = codings.iter().filter(|k| k.code_id == *id).count();
                s.push_str(&format!(
                    "<span>{}<a href=\"../codes/{}.html\">{}</a> ({n})</span>",
                    swatch(&c.color),
                    c.id,
                    escape(&c.name)
                ));
            }
        }
        s.push_str("</div>");
    }
    let color_of = |code_id: i64| {
        data.code(code_id).map(|c| safe_color(&c.color).to_string()).unwrap_or("#888888".into())
    };
    let name_of = |code_id: i64| data.code(code_id).map(|c| c.name.clone()).unwrap_or_default();
    s.push_str(&format!("<div class=\"doc-text\" lang=\"{}\">", crate::html::lang_of(text)));
    let chars: Vec<char> = text.chars().collect();
    // Markup is hidden and headings shown as headings; offsets stay those of the stored text.
    let segments = policyscope_corpus::display::segments(text);
    let hidden: Vec<(usize, usize)> =
        segments.iter().filter(|g| g.shown == Shown::Hidden).map(|g| (g.start, g.end)).collect();
    let mut placed = std::collections::HashSet::new();
    let mut next_page = pages.iter().peekable();
    for (n, (ls, le)) in lines(text).into_iter().enumerate() {
        // A page starting before this line ends is marked above the line:
        // the marker stands between lines, so offsets and highlights stay.
        while let Some(p) = next_page.next_if(|p| p.start < le as i64) {
            s.push_str(&format!("<div class=\"page-mark\" id=\"page{0}\">p. {0}</div>", p.page));
        }
        let here: Vec<&&Coding> =
            codings.iter().filter(|c| (c.start as usize) < le && (c.end as usize) > ls).collect();
        s.push_str(&format!("<div class=\"para\" id=\"p{}\"><div class=\"stripe\">", n + 1));
        let mut stripe_codes: Vec<i64> = here.iter().map(|c| c.code_id).collect();
        stripe_codes.sort_unstable();
        stripe_codes.dedup();
        for code in &stripe_codes {
            s.push_str(&format!(
                "<span style=\"--c:{}\" title=\"{}\"></span>",
                color_of(*code),
                escape(&name_of(*code))
            ));
        }
        // Segments and lines are both in text order: start at the first
        // segment reaching this line, so the pass stays linear.
        let here_segs = &segments[segments.partition_point(|g| g.end <= ls)..];
        let heading = here_segs.iter().take_while(|g| g.start < le).find_map(|g| match g.shown {
            Shown::Heading(level) => Some(level),
            _ => None,
        });
        match heading {
            Some(level) => s.push_str(&format!(
                "</div><p class=\"heading h{level}\" role=\"heading\" aria-level=\"{}\">",
                level + 1
            )),
            None => s.push_str("</div><p>"),
        }
        // An anchor where each coding first shows, for links from excerpts.
        for c in &here {
            if placed.insert(c.id) {
                s.push_str(&format!("<span id=\"c{}\"></span>", c.id));
            }
        }
        let line: String = chars[ls..le].iter().collect();
        let line_hidden: Vec<(usize, usize)> = hidden[hidden.partition_point(|h| h.1 <= ls)..]
            .iter()
            .take_while(|h| h.0 < le)
            .map(|h| (h.0.max(ls) - ls, h.1.min(le) - ls))
            .collect();
        let marks: Vec<Mark> = here
            .iter()
            .map(|c| Mark {
                start: (c.start as usize).max(ls) - ls,
                end: (c.end as usize).min(le) - ls,
                key: c.code_id as usize,
            })
            .collect();
        s.push_str(&render(&line, &marks, &line_hidden, |keys| {
            let first = keys[0] as i64;
            let mut title = String::new();
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    title.push_str(", ");
                }
                push_escaped(&mut title, &name_of(*k as i64));
            }
            format!(
                "<mark class=\"{}\" style=\"--c:{}\" title=\"{title}\">",
                if keys.len() > 1 { "multi" } else { "one" },
                color_of(first)
            )
        }));
        s.push_str("</p></div>");
    }
    // Codings that cover only white space still get their anchor.
    for c in codings {
        if placed.insert(c.id) {
            s.push_str(&format!("<span id=\"c{}\"></span>", c.id));
        }
    }
    s.push_str("</div>");
    s
}

/// "Translation of …" and "Translations: …" lines: a translation is shown
/// with its original.
fn translation_links(data: &StudyData, meta: &DocumentMeta) -> String {
    let link = |d: &DocumentMeta| {
        format!(
            "<a href=\"{}.html\">{} {}</a> ({})",
            d.id,
            escape(&doc_label(d)),
            escape(&d.title),
            escape(&d.language)
        )
    };
    let mut s = String::new();
    if let Some(original) = meta.translation_of.and_then(|o| data.documents.iter().find(|d| d.id == o)) {
        s.push_str(&format!(
            "<p class=\"translation\"><strong>Translation of:</strong> {}</p>",
            link(original)
        ));
    }
    let translations: Vec<String> =
        data.documents.iter().filter(|d| d.translation_of == Some(meta.id)).map(link).collect();
    if !translations.is_empty() {
        s.push_str(&format!(
            "<p class=\"translation\"><strong>Translations:</strong> {}</p>",
            translations.join(", ")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_skip_blank_ones_and_count_code_points() {
        assert_eq!(lines("第一条\n\n  \n第二条 x\n"), vec![(0, 3), (8, 13)]);
        assert_eq!(lines(""), Vec::<(usize, usize)>::new());
        assert_eq!(lines("abc"), vec![(0, 3)]);
    }
}
