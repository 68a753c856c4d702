//! `lab.html`: scenario-lab experiments (folders written by `policyscope lab
//! run --out DIR`, given to the report as `--lab DIR`), each figure redrawn by
//! the lab's own figure writers with the model's assumptions beside it.

use std::path::PathBuf;

use policyscope_lab::results::{self, Experiment};

use super::Writer;
use crate::html::escape::escape;
use crate::html::layout::Page;
use crate::{Error, Result};

/// Writes `lab.html` for the experiment folders `dirs` (a short explanation when there are none).
pub(crate) fn write(w: &mut Writer<'_>, dirs: &[PathBuf]) -> Result<()> {
    let mut body = String::new();
    if dirs.is_empty() {
        body.push_str(
            "<p class=\"note\">No lab results in this report. Run an experiment with \
             <code>policyscope lab run --spec SPEC --out DIR</code> and build the report with \
             <code>--lab DIR</code>.</p>",
        );
    }
    let mut experiments = Vec::with_capacity(dirs.len());
    for dir in dirs {
        let exp = results::read(dir)
            .map_err(|e| Error::Stage { stage: "lab", message: format!("{}: {e}", dir.display()) })?;
        experiments.push(exp);
    }
    if experiments.len() > 1 {
        body.push_str("<nav class=\"toc\"><ul>");
        for (n, exp) in experiments.iter().enumerate() {
            body.push_str(&format!("<li><a href=\"#exp-{n}\">{}</a></li>", escape(&exp.id)));
        }
        body.push_str("</ul></nav>");
    }
    let mut fig_no = 0;
    for (n, exp) in experiments.iter().enumerate() {
        section(&mut body, n, exp, &mut fig_no);
    }
    w.page("lab.html", &Page { title: "Scenario lab", root: "", section: "lab.html", body, scripts: &[] })
}

fn section(body: &mut String, n: usize, exp: &Experiment, fig_no: &mut usize) {
    body.push_str(&format!(
        "<section id=\"exp-{n}\"><h2>{}</h2><p>{} configurations, {} runs, master seed {}.</p>",
        escape(&exp.id),
        exp.configurations,
        exp.runs,
        exp.master_seed
    ));
    if !exp.expected.is_empty() {
        body.push_str(&format!("<p><strong>Expected:</strong> {}</p>", escape(&exp.expected)));
    }
    for note in &exp.notes {
        body.push_str(&format!("<p class=\"note\">{}</p>", escape(note)));
    }
    if exp.figures.is_empty() {
        body.push_str("<p class=\"note\">The design has no factor these figures can be drawn over.</p>");
    }
    for fig in &exp.figures {
        *fig_no += 1;
        // The SVG comes from the lab's writers (text escaped there), not from the folder.
        body.push_str(&format!(
            "<figure id=\"exp-{n}-{}\">{}<figcaption>Figure {fig_no}. {} <em>Assumptions:</em> {}</figcaption></figure>",
            escape(&fig.id),
            fig.svg,
            escape(&fig.caption),
            escape(exp.assumptions)
        ));
    }
    body.push_str("</section>");
}
