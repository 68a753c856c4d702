//! `index.html`: corpus size, dates, languages, types and the codebook.

use std::collections::BTreeMap;

use super::{swatch, Writer};
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::{Code, StudyData};
use crate::Result;

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    let docs = &data.documents;
    let dates: Vec<policyscope_text::PolicyDate> = docs.iter().filter_map(|d| d.date).collect();
    let shown =
        |d: Option<&policyscope_text::PolicyDate>| d.map_or_else(|| "–".to_string(), |d| d.to_string());
    let (first, last) = (shown(dates.iter().min()), shown(dates.iter().max()));
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
         <dt>Dates</dt><dd><span class=\"date\">{}</span> – <span class=\"date\">{}</span> ({} undated)</dd><dt>Characters</dt><dd>{}</dd>\
         <dt>Languages</dt><dd>{}</dd><dt>Types</dt><dd>{}</dd>",
        docs.len(),
        escape(&first),
        escape(&last),
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
        "<dt>Codes</dt><dd><a href=\"codes/index.html\">{}</a></dd><dt>Codings</dt><dd>{} in {}</dd>",
        data.codes.len(),
        data.codings.len(),
        crate::plural(coded_docs, "document")
    ));
    if let Some(g) = &data.graph {
        body.push_str(&format!(
            "<dt>Citation graph</dt><dd><a href=\"graph.html\">{}, {}</a></dd>",
            crate::plural(g.nodes.len(), "document"),
            crate::plural(g.edges.len(), "citation link")
        ));
    }
    body.push_str("</dl></section>");
    for note in &data.notes {
        body.push_str(&format!("<p class=\"note\">{}</p>", escape(note)));
    }
    // Documents per year, as a compact table that prints well.
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for d in docs {
        if let Some(date) = d.date {
            *per_year.entry(date.year()).or_default() += 1;
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
/// Walked with an explicit stack, so a deep codebook cannot exhaust the call
/// stack (and a damaged tree with a cycle shows each code once).
pub(crate) fn codebook_tree(data: &StudyData, parent: Option<i64>, root: &str) -> String {
    enum Step<'a> {
        Open(&'a Code),
        Close,
    }
    let top: Vec<&Code> = data.children(parent).collect();
    if top.is_empty() {
        return String::new();
    }
    let mut s = String::from(if parent.is_none() { "<ul class=\"tree\">" } else { "<ul>" });
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<Step<'_>> = top.into_iter().rev().map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        let c = match step {
            Step::Close => {
                s.push_str("</ul></li>");
                continue;
            }
            Step::Open(c) if seen.insert(c.id) => c,
            Step::Open(_) => continue,
        };
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
        let kids: Vec<&Code> = data.children(Some(c.id)).filter(|k| !seen.contains(&k.id)).collect();
        if kids.is_empty() {
            s.push_str("</li>");
        } else {
            s.push_str("<ul>");
            stack.push(Step::Close);
            stack.extend(kids.into_iter().rev().map(Step::Open));
        }
    }
    s.push_str("</ul>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(id: i64, parent: Option<i64>) -> Code {
        let name = format!("c{id}");
        Code { id, path: name.clone(), name, parent, description: String::new(), color: "#000000".into() }
    }

    #[test]
    fn codebook_tree_nests_children_inside_their_parent_item() {
        let data =
            StudyData { codes: vec![code(1, None), code(2, Some(1)), code(3, None)], ..Default::default() };
        let html = codebook_tree(&data, None, "");
        let item = |id: i64| {
            format!(
                "<li>{}<a href=\"codes/{id}.html\">c{id}</a> <span class=\"muted\">— 0 documents</span>",
                swatch("#000000")
            )
        };
        let expected =
            format!("<ul class=\"tree\">{}<ul>{}</li></ul></li>{}</li></ul>", item(1), item(2), item(3));
        assert_eq!(html, expected);
    }

    #[test]
    fn a_deeply_nested_codebook_tree_is_written_without_exhausting_the_stack() {
        let codes: Vec<Code> = (0..5_000).map(|i| code(i, (i > 0).then(|| i - 1))).collect();
        let data = StudyData { codes, ..Default::default() };
        let html = codebook_tree(&data, None, "");
        assert_eq!(html.matches("<li>").count(), 5_000);
        assert_eq!(html.matches("<ul").count(), html.matches("</ul>").count());
    }
}
