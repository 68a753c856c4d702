//! `table.html`: the study's Table 4 — for every code, how many documents
//! mention it and which — and a code × document matrix.

use super::{doc_label, swatch, Writer};
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::{Code, StudyData};
use crate::Result;

/// Codes below `top` in tree order (depth-first), with their depth; an
/// explicit stack, so a deep codebook cannot exhaust the call stack.
fn descendants(data: &StudyData, top: i64) -> Vec<(&Code, usize)> {
    let mut out: Vec<(&Code, usize)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<(&Code, usize)> = data.children(Some(top)).map(|c| (c, 0)).collect();
    stack.reverse();
    while let Some((c, depth)) = stack.pop() {
        // A damaged tree with a cycle would repeat forever; every code shows once.
        if !seen.insert(c.id) {
            continue;
        }
        out.push((c, depth));
        let before = stack.len();
        stack.extend(data.children(Some(c.id)).map(|k| (k, depth + 1)));
        stack[before..].reverse();
    }
    out
}

/// Links to the documents, each labelled by catalog number (or id).
fn doc_links(data: &StudyData, ids: &[i64], root: &str) -> String {
    ids.iter()
        .filter_map(|id| data.document(*id))
        .map(|d| {
            format!(
                "<a href=\"{root}docs/{}.html\" title=\"{}\">{}</a>",
                d.id,
                escape(&d.title),
                escape(&doc_label(d))
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    if data.codes.is_empty() {
        body.push_str(
            "<p class=\"note\">The project has no codebook yet, so there is nothing to tabulate.</p>",
        );
    } else {
        body.push_str(
            "<table class=\"table4\"><caption>Codes and the documents that mention them</caption>\
             <thead><tr><th>Node</th><th>Code</th><th>Definition</th><th class=\"num\">Documents</th>\
             <th>Which documents</th></tr></thead><tbody>",
        );
        for top in data.children(None) {
            let mut rows = descendants(data, top.id);
            if rows.is_empty() {
                rows.push((top, 0));
            }
            for (i, (code, depth)) in rows.iter().enumerate() {
                body.push_str("<tr>");
                if i == 0 {
                    body.push_str(&format!(
                        "<th rowspan=\"{}\">{}<a href=\"codes/{}.html\">{}</a></th>",
                        rows.len(),
                        swatch(&top.color),
                        top.id,
                        escape(&top.name)
                    ));
                }
                let ids = data.documents_with(code.id);
                body.push_str(&format!(
                    "<td style=\"padding-left:{:.1}rem\">{}<a href=\"codes/{}.html\">{}</a></td><td>{}</td>\
                     <td class=\"num\">{}</td><td>{}</td></tr>",
                    0.5 + *depth as f64,
                    swatch(&code.color),
                    code.id,
                    escape(&code.name),
                    escape(&code.description),
                    ids.len(),
                    doc_links(data, &ids, "")
                ));
            }
        }
        body.push_str("</tbody></table>");
        body.push_str(&matrix(data));
    }
    w.page(
        "table.html",
        &Page { title: "Codes × documents", root: "", section: "table.html", body, scripts: &[] },
    )
}

/// Which coded document carries which code (leaf codes as columns), with
/// the counts of `policyscope query matrix`.
fn matrix(data: &StudyData) -> String {
    let Some(m) = data.queries.as_ref().map(|q| &q.matrix) else { return String::new() };
    let leaves: Vec<(&Code, &Vec<usize>)> = data
        .codes
        .iter()
        .filter(|c| data.children(Some(c.id)).next().is_none())
        .filter_map(|c| m.codes.iter().position(|p| *p == c.path).map(|i| (c, &m.counts[i])))
        .collect();
    let coded: Vec<usize> = (0..m.documents.len())
        .filter(|&j| m.counts.iter().any(|row| row.get(j).is_some_and(|n| *n > 0)))
        .collect();
    if coded.is_empty() || leaves.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<h2>Code × document matrix</h2><table class=\"matrix\"><caption>Number of coded passages per document and code</caption><thead><tr><th>Document</th>",
    );
    for (c, _) in &leaves {
        s.push_str(&format!(
            "<th class=\"num\" title=\"{}\">{}{}</th>",
            escape(&c.name),
            swatch(&c.color),
            escape(&c.name)
        ));
    }
    s.push_str("</tr></thead><tbody>");
    for j in coded {
        let Some(d) = data.document(m.documents[j].id) else { continue };
        s.push_str(&format!(
            "<tr><th><a href=\"docs/{}.html\">{}</a> {}</th>",
            d.id,
            escape(&doc_label(d)),
            escape(&crate::svg::shorten(&d.title, 28))
        ));
        for (_, counts) in &leaves {
            let n = counts.get(j).copied().unwrap_or(0);
            if n == 0 {
                s.push_str("<td class=\"num\"></td>");
            } else {
                s.push_str(&format!("<td class=\"num\">{n}</td>"));
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(id: i64, parent: Option<i64>) -> Code {
        Code {
            id,
            path: format!("c{id}"),
            name: format!("c{id}"),
            parent,
            description: String::new(),
            color: "#000000".into(),
        }
    }

    #[test]
    fn a_deeply_nested_codebook_is_listed_without_exhausting_the_stack() {
        let codes: Vec<Code> = (0..5_000).map(|i| code(i, (i > 0).then(|| i - 1))).collect();
        let data = StudyData { codes, ..Default::default() };
        let rows = descendants(&data, 0);
        assert_eq!(rows.len(), 4_999);
        assert_eq!((rows[0].0.id, rows[0].1), (1, 0));
        assert_eq!((rows[4_998].0.id, rows[4_998].1), (4_999, 4_998));
    }

    #[test]
    fn descendants_come_depth_first_in_tree_order() {
        let data = StudyData {
            codes: vec![code(1, None), code(2, Some(1)), code(3, Some(2)), code(4, Some(1))],
            ..Default::default()
        };
        let rows: Vec<(i64, usize)> = descendants(&data, 1).into_iter().map(|(c, d)| (c.id, d)).collect();
        assert_eq!(rows, [(2, 0), (3, 1), (4, 0)]);
    }
}
