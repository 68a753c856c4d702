//! `index.html`: corpus size, dates, languages, types and the codebook.

use std::collections::BTreeMap;

use super::{swatch, Writer};
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::{year_of, StudyData};
use crate::Result;

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    let docs = &data.documents;
    let dates: Vec<&str> = docs.iter().filter_map(|d| d.date.as_deref()).collect();
    let first = dates.iter().min().copied().unwrap_or("–");
    let last = dates.iter().max().copied().unwrap_or("–");
    let chars: i64 = docs.iter().map(|d| d.char_count).sum();
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        *langs.entry(d.language.as_str()).or_default() += 1;
        *types.entry(d.doc_type.as_deref().unwrap_or("other")).or_default() += 1;
    }
    let join = |m: &BTreeMap<&str, usize>| {
        m.iter().map(|(k, v)| format!("{} ({v})", escape(k))).collect::<Vec<_>>().join(", ")
    };
    body.push_str("<section><h2>Corpus</h2><dl class=\"facts\">");
    body.push_str(&format!(
        "<dt>Documents</dt><dd><a href=\"docs/index.html\">{}</a></dd>\
         <dt>Dates</dt><dd>{} – {} ({} undated)</dd><dt>Characters</dt><dd>{}</dd>\
         <dt>Languages</dt><dd>{}</dd><dt>Types</dt><dd>{}</dd>",
        docs.len(),
        escape(first),
        escape(last),
        docs.len() - dates.len(),
        chars,
        join(&langs),
        join(&types),
    ));
    let coded_docs = {
        let mut ids: Vec<i64> = data.codings.iter().map(|c| c.doc_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    body.push_str(&format!(
        "<dt>Codes</dt><dd><a href=\"codes/index.html\">{}</a></dd><dt>Codings</dt><dd>{} in {} documents</dd>",
        data.codes.len(),
        data.codings.len(),
        coded_docs
    ));
    if let Some(g) = &data.graph {
        body.push_str(&format!(
            "<dt>Citation graph</dt><dd><a href=\"graph.html\">{} documents, {} citation links</a></dd>",
            g.nodes.len(),
            g.edges.len()
        ));
    }
    body.push_str("</dl></section>");
    for note in &data.notes {
        body.push_str(&format!("<p class=\"note\">{}</p>", escape(note)));
    }
    // Documents per year, as a compact table that prints well.
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for d in docs {
        if let Some(y) = year_of(d.date.as_deref()) {
            *per_year.entry(y).or_default() += 1;
        }
    }
    if !per_year.is_empty() {
        body.push_str("<section><h2>Documents per year</h2><table><thead><tr><th>Year</th>");
        let cells: String = per_year.keys().map(|y| format!("<th class=\"num\">{y}</th>")).collect();
        body.push_str(&cells);
        body.push_str("</tr></thead><tbody><tr><th>Documents</th>");
        let cells: String = per_year.values().map(|n| format!("<td class=\"num\">{n}</td>")).collect();
        body.push_str(&cells);
        body.push_str("</tr></tbody></table></section>");
    }
    if !data.codes.is_empty() {
        body.push_str("<section><h2>Codebook</h2>");
        body.push_str(&codebook_tree(data, None, ""));
        body.push_str("</section>");
    }
    w.page("index.html", &Page { title: &data.title, root: "", section: "index.html", body, scripts: &[] })
}

/// The codebook as a nested list with document counts; `root` prefixes links.
pub(crate) fn codebook_tree(data: &StudyData, parent: Option<i64>, root: &str) -> String {
    let children: Vec<_> = data.children(parent).collect();
    if children.is_empty() {
        return String::new();
    }
    let mut s = String::from(if parent.is_none() { "<ul class=\"tree\">" } else { "<ul>" });
    for c in children {
        let n = data.documents_with(c.id).len();
        s.push_str(&format!(
            "<li>{}<a href=\"{root}codes/{}.html\">{}</a> <span class=\"muted\">— {}</span>",
            swatch(&c.color),
            c.id,
            escape(&c.name),
            crate::plural(n, "document")
        ));
        if !c.description.is_empty() {
            s.push_str(&format!("<br><small class=\"muted\">{}</small>", escape(&c.description)));
        }
        s.push_str(&codebook_tree(data, Some(c.id), root));
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    s
}
