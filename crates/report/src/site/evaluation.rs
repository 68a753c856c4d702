//! `codes/evaluation.html`: the codebook evaluations stored by `policyscope
//! code evaluate` — per code precision, recall, F1 and κ against a person,
//! and how many of each rule's hits the person kept. Written only when the
//! project holds an evaluation; the codebook page then links to it.

use policyscope_agree::evaluate::{stored, StoredEvaluation};
use policyscope_corpus::Project;

use super::Writer;
use crate::html::escape;
use crate::html::layout::Page;
use crate::{Error, Result};

/// The link the codebook page shows when there is an evaluation.
pub(crate) const LINK: &str =
    "<p><a href=\"evaluation.html\">How well the codebook agrees with the coders</a> (codebook evaluation).</p>";

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |v| format!("{v:.3}"))
}

fn section(s: &StoredEvaluation) -> String {
    let e = &s.evaluation;
    let unit = match e.unit {
        policyscope_agree::Unit::Char => "character",
        policyscope_agree::Unit::Sentence => "sentence",
        policyscope_agree::Unit::Paragraph => "paragraph",
        policyscope_agree::Unit::Document => "document",
    };
    let scope = match e.scope {
        policyscope_agree::Scope::Documents => "every unit of the documents they coded",
        policyscope_agree::Scope::Decided => "only the units they decided on",
    };
    let mut out = format!(
        "<h2>{} {} against {}</h2><p class=\"note\">By {unit}, {scope}; {} documents; computed {}.</p>\
         <table><thead><tr><th>Code</th><th class=\"num\">Units</th><th class=\"num\">TP</th>\
         <th class=\"num\">FP</th><th class=\"num\">FN</th><th class=\"num\">Precision</th>\
         <th class=\"num\">Recall</th><th class=\"num\">F1</th><th class=\"num\">κ</th><th>Rules (hits kept / fired)</th>\
         </tr></thead><tbody>",
        escape(&e.codebook),
        escape(&e.version),
        escape(&e.coder),
        e.documents,
        escape(&s.at)
    );
    for c in &e.codes {
        let rules: Vec<String> =
            c.rules.iter().map(|r| format!("{} {}/{}", escape(&r.rule), r.kept, r.hits)).collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&c.code),
            c.units,
            c.counts.tp,
            c.counts.fp,
            c.counts.fn_,
            figure(c.precision),
            figure(c.recall),
            figure(c.f1),
            figure(c.kappa),
            rules.join("; ")
        ));
    }
    out.push_str("</tbody></table>");
    out
}

/// Writes the page when the project holds an evaluation; says whether it did.
pub(crate) fn write(w: &mut Writer<'_>, project: &Project) -> Result<bool> {
    let list =
        stored::latest(project).map_err(|e| Error::Stage { stage: "evaluation", message: e.to_string() })?;
    if list.is_empty() {
        return Ok(false);
    }
    let mut body = String::from(
        "<p class=\"note\">Each table compares the codebook's coding with one person's codings (and review \
         decisions), unit by unit: TP coded by both, FP by the codebook only, FN by the person only. The latest \
         evaluation of each codebook, person, unit and scope is shown.</p>",
    );
    for s in &list {
        body.push_str(&section(s));
    }
    w.page(
        "codes/evaluation.html",
        &Page { title: "Codebook evaluation", root: "../", section: "codes/index.html", body, scripts: &[] },
    )?;
    Ok(true)
}
