//! Publishing a study: a self-contained static HTML site and a Markdown summary.
//!
//! [`build_site`] gathers a [`model::StudyData`] from a project (documents,
//! codebook, codings, citation graph with snowball rounds) and writes a site
//! that needs no server and makes no external requests, so it works from
//! `file://` and can be archived with a paper:
//!
//! * `index.html` — corpus size, dates, languages, types, the codebook;
//! * `table.html` — for every code the number of documents and which (the
//!   model study's Table 4), and a code × document matrix;
//! * `charts.html` — code × year trends and a code co-occurrence heat map (SVG);
//! * `graph.html` — the citation graph layered by year, seeds and rounds marked,
//!   pannable and zoomable, each node linking to its document;
//! * `docs/<id>.html` — each document with coded passages highlighted in the
//!   codes' colours, a coding stripe in the margin and, for a paged
//!   document, a `p. N` marker where each page starts;
//! * `codes/<id>.html` — the excerpts of each code (with `p. N` for a
//!   paged document);
//! * `lab.html` — scenario-lab experiments given as [`ReportOptions::lab`]:
//!   policy-window curve, phase diagrams, sensitivity bars and phases over
//!   time beside the policy schedule, each with the model's assumptions.
//!
//! [`markdown`] writes the same overview, table and links as one Markdown file.
//! The figures in [`svg`] and the escaping in [`html`] are shared with the web app.
//!
//! ```no_run
//! use policyscope_report::{build_site, ReportOptions};
//! let project = policyscope_corpus::Project::open("my-study".as_ref()).unwrap();
//! let summary = build_site(&project, &ReportOptions::new("report")).unwrap();
//! println!("open {}", summary.index.display());
//! ```
#![deny(missing_docs)]

pub mod check;
mod error;
pub mod figures;
pub mod html;
mod markdown;
pub mod model;
pub mod paths;
pub mod settings;
mod site;
pub mod source;
pub mod stages;
pub mod svg;

use std::path::PathBuf;

use policyscope_corpus::Project;
use serde::Serialize;

pub use error::{Error, Result};
pub use markdown::markdown;
pub use stages::CodingChoice;

/// What to build.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Output folder: new, empty, or holding an earlier report (whose pages
    /// are replaced); any other folder is refused.
    pub out: PathBuf,
    /// Heading of the report (default: `[project] title` in the project's
    /// `policyscope.toml`, see [`settings`]).
    pub title: Option<String>,
    /// Which codings to show (default: every coder's, not rejected).
    pub codings: CodingChoice,
    /// Scenario-lab experiment folders (`policyscope lab run --out DIR`)
    /// drawn on `lab.html`.
    pub lab: Vec<PathBuf>,
}

impl ReportOptions {
    /// Options writing to `out` with the default title.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        ReportOptions { out: out.into(), title: None, codings: CodingChoice::default(), lab: Vec::new() }
    }
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    /// The output folder.
    pub out: PathBuf,
    /// The entry page (`index.html` or the Markdown file).
    pub index: PathBuf,
    /// Number of pages written.
    pub pages: usize,
    /// Documents in the report.
    pub documents: usize,
    /// Codes in the codebook.
    pub codes: usize,
    /// Codings shown.
    pub codings: usize,
    /// Documents in the citation graph.
    pub graph_nodes: usize,
    /// Parts left out and why.
    pub notes: Vec<String>,
}

/// Builds the static HTML site for `project` into `options.out`.
pub fn build_site(project: &Project, options: &ReportOptions) -> Result<ReportSummary> {
    let data = source::gather(project, options.title.as_deref(), &options.codings)?;
    site::prepare(&options.out)?;
    let pages =
        site::write(project, &data, &options.out)? + site::write_lab(&data, &options.out, &options.lab)?;
    Ok(summary(&data, options.out.clone(), options.out.join("index.html"), pages))
}

/// Writes the Markdown summary for `project` to `options.out` (a folder;
/// the file is `report.md`).
pub fn build_markdown(project: &Project, options: &ReportOptions) -> Result<ReportSummary> {
    let data = source::gather(project, options.title.as_deref(), &options.codings)?;
    std::fs::create_dir_all(&options.out).map_err(|e| Error::io(&options.out, e))?;
    let path = options.out.join("report.md");
    std::fs::write(&path, markdown(&data)).map_err(|e| Error::io(&path, e))?;
    Ok(summary(&data, options.out.clone(), path, 1))
}

/// `n` and the noun, with an English plural `s` when `n != 1`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The label of a document in tables: catalog number or `#id`.
pub(crate) fn site_label(d: &policyscope_corpus::DocumentMeta) -> String {
    site::doc_label(d)
}

fn summary(data: &model::StudyData, out: PathBuf, index: PathBuf, pages: usize) -> ReportSummary {
    ReportSummary {
        out,
        index,
        pages,
        documents: data.documents.len(),
        codes: data.codes.len(),
        codings: data.codings.len(),
        graph_nodes: data.graph.as_ref().map_or(0, |g| g.nodes.len()),
        notes: data.notes.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_thing_is_singular_and_none_or_many_are_plural() {
        assert_eq!(super::plural(1, "document"), "1 document");
        assert_eq!(super::plural(2, "document"), "2 documents");
        assert_eq!(super::plural(0, "citation link"), "0 citation links");
    }
}
