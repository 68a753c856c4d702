//! `table.html`: the study's Table 4 — for every code, how many documents
//! mention it and which — and a code × document matrix.

use super::{doc_label, swatch, Writer};
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::{Code, StudyData};
use crate::Result;

/// Codes below `top` in tree order (depth-first), with their depth.
fn descendants<'a>(data: &'a StudyData, top: i64, depth: usize, out: &mut Vec<(&'a Code, usize)>) {
    for c in data.children(Some(top)) {
        out.push((c, depth));
        descendants(data, c.id, depth + 1, out);
    }
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
            let mut rows = Vec::new();
            descendants(data, top.id, 0, &mut rows);
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

/// Which coded document carries which code (leaf codes as columns).
fn matrix(data: &StudyData) -> String {
    let leaves: Vec<&Code> =
        data.codes.iter().filter(|c| data.children(Some(c.id)).next().is_none()).collect();
    let mut coded: Vec<i64> = data.codings.iter().map(|c| c.doc_id).collect();
    coded.sort_unstable();
    coded.dedup();
    if coded.is_empty() || leaves.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<h2>Code × document matrix</h2><table class=\"matrix\"><caption>Number of coded passages per document and code</caption><thead><tr><th>Document</th>",
    );
    for c in &leaves {
        s.push_str(&format!(
            "<th class=\"num\" title=\"{}\">{}{}</th>",
            escape(&c.name),
            swatch(&c.color),
            escape(&c.name)
        ));
    }
    s.push_str("</tr></thead><tbody>");
    for id in coded {
        let Some(d) = data.document(id) else { continue };
        s.push_str(&format!(
            "<tr><th><a href=\"docs/{}.html\">{}</a> {}</th>",
            d.id,
            escape(&doc_label(d)),
            escape(&crate::svg::shorten(&d.title, 28))
        ));
        for c in &leaves {
            let n = data.codings.iter().filter(|k| k.doc_id == id && k.code_id == c.id).count();
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
