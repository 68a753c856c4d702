//! `codes/index.html` (the codebook with counts) and one page per code with
//! its coded excerpts, each linking to the passage in its document (with
//! the page it starts on, for a paged document).

use std::collections::HashMap;

use policyscope_corpus::Project;

use super::overview::codebook_tree;
use super::{doc_label, safe_color, Writer};
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::StudyData;
use crate::svg::shorten;
use crate::Result;

/// Excerpts shown per code page; the rest are counted.
const MAX_EXCERPTS: usize = 400;
/// Longest excerpt shown, in characters.
const MAX_EXCERPT_CHARS: usize = 600;

#[derive(Clone)]
struct Excerpt {
    coding_id: i64,
    /// The code of the coding (a parent's page shows its sub-codes' too).
    code_id: i64,
    doc_id: i64,
    text: String,
    /// The page the passage starts on, for a paged document.
    page: Option<u32>,
}

pub(crate) fn write(w: &mut Writer<'_>, project: &Project, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    if data.codes.is_empty() {
        body.push_str("<p class=\"note\">The project has no codebook yet.</p>");
    } else {
        body.push_str(&codebook_tree(data, None, "../"));
    }
    if super::evaluation::write(w, project)? {
        body.push_str(super::evaluation::LINK);
    }
    w.page(
        "codes/index.html",
        &Page { title: "Codebook", root: "../", section: "codes/index.html", body, scripts: &[] },
    )?;

    // One pass over the coded documents collects the excerpts of every code;
    // a coding is listed for its code and every code above it.
    let lineage = policyscope_query::lineage(data.codes.iter().map(|c| (c.id, c.parent)));
    let above = |code: i64| lineage.get(&code).cloned().unwrap_or_else(|| vec![code]);
    let mut excerpts: HashMap<i64, Vec<Excerpt>> = HashMap::new();
    let mut totals: HashMap<i64, usize> = HashMap::new();
    let mut docs: Vec<i64> = data.codings.iter().map(|c| c.doc_id).collect();
    docs.sort_unstable();
    docs.dedup();
    for doc_id in docs {
        let mine: Vec<_> = data.codings.iter().filter(|c| c.doc_id == doc_id).collect();
        let wanted = mine
            .iter()
            .any(|c| above(c.code_id).iter().any(|k| excerpts.get(k).map_or(0, Vec::len) < MAX_EXCERPTS));
        for c in &mine {
            for k in above(c.code_id) {
                *totals.entry(k).or_default() += 1;
            }
        }
        if !wanted {
            continue;
        }
        let doc = project.document(doc_id)?;
        let pages = project.pages(doc_id)?;
        for c in mine {
            let text =
                policyscope_text::slice_chars(&doc.text, c.start.max(0) as usize, c.end.max(0) as usize);
            let excerpt = Excerpt {
                coding_id: c.id,
                code_id: c.code_id,
                doc_id,
                text: shorten(text.trim(), MAX_EXCERPT_CHARS),
                page: policyscope_query::passage_page(&pages, c.start),
            };
            for k in above(c.code_id) {
                let list = excerpts.entry(k).or_default();
                if list.len() < MAX_EXCERPTS {
                    list.push(excerpt.clone());
                }
            }
        }
    }

    for code in &data.codes {
        let mut body = String::new();
        if !code.description.is_empty() {
            body.push_str(&format!("<p>{}</p>", escape(&code.description)));
        }
        if let Some(p) = code.parent.and_then(|p| data.code(p)) {
            body.push_str(&format!(
                "<p class=\"muted\">Under <a href=\"{}.html\">{}</a></p>",
                p.id,
                escape(&p.name)
            ));
        }
        let subs: Vec<String> = data
            .children(Some(code.id))
            .map(|c| format!("<a href=\"{}.html\">{}</a>", c.id, escape(&c.name)))
            .collect();
        if !subs.is_empty() {
            body.push_str(&format!("<p>Sub-codes: {}</p>", subs.join(", ")));
        }
        let docs = data.documents_with(code.id);
        let total = totals.get(&code.id).copied().unwrap_or(0);
        let below = if subs.is_empty() { "" } else { " and the codes below it" };
        body.push_str(&format!(
            "<p>{} of this code{below}; {}.</p>",
            crate::plural(total, "coded passage"),
            crate::plural(docs.len(), "document")
        ));
        let list = excerpts.get(&code.id).map(Vec::as_slice).unwrap_or(&[]);
        if total > list.len() {
            body.push_str(&format!(
                "<p class=\"note\">Showing the first {} of {total} passages.</p>",
                list.len()
            ));
        }
        for e in list {
            let d = data.document(e.doc_id);
            let label = d
                .map(|d| format!("{} {}", doc_label(d), d.title))
                .unwrap_or_else(|| format!("#{}", e.doc_id));
            let page =
                e.page.map(|p| format!(", <span class=\"page-ref\">p. {p}</span>")).unwrap_or_default();
            body.push_str(&format!(
                "<blockquote class=\"excerpt\" style=\"--c:{}\">{}<cite><a href=\"../docs/{}.html#c{}\">{}</a>{page}</cite></blockquote>",
                safe_color(data.code(e.code_id).map_or(&code.color, |c| &c.color)),
                escape(&e.text),
                e.doc_id,
                e.coding_id,
                escape(&label)
            ));
        }
        w.page(
            &format!("codes/{}.html", code.id),
            &Page { title: &code.name, root: "../", section: "codes/index.html", body, scripts: &[] },
        )?;
    }
    Ok(())
}
