//! The static site: one module per kind of page, all written by [`write`].

mod charts;
mod codes;
mod documents;
mod evaluation;
mod graph;
mod lab;
mod nis;
mod overview;
mod table;

use std::path::{Path, PathBuf};

use policyscope_corpus::Project;

use crate::html::layout::{Page, CSS, GRAPH_JS};
use crate::model::StudyData;
use crate::{Error, Result};

/// Writes pages into a folder and counts them.
pub(crate) struct Writer<'a> {
    out: &'a Path,
    site_title: &'a str,
    pub(crate) pages: usize,
}

impl Writer<'_> {
    /// Writes `page` to `rel` (a path relative to the site root).
    pub(crate) fn page(&mut self, rel: &str, page: &Page<'_>) -> Result<()> {
        self.file(rel, &page.render(self.site_title))?;
        self.pages += 1;
        Ok(())
    }

    /// Writes a file relative to the site root, creating folders.
    pub(crate) fn file(&self, rel: &str, content: &str) -> Result<()> {
        let path: PathBuf = self.out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, content).map_err(|e| Error::io(&path, e))
    }
}

/// Marks a folder as written by this crate, so a rebuild may clear it.
pub(crate) const MARKER: &str = ".policyscope-report";

/// Makes `out` ready for a fresh site: creates it, or clears the pages of an
/// earlier report there (so no page of a removed document or code stays
/// behind); refuses a non-empty folder that holds no earlier report.
pub(crate) fn prepare(out: &Path) -> Result<()> {
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?;
        let empty = entries.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(Error::NotAReportFolder(out.to_path_buf()));
        }
        for dir in ["docs", "codes", "assets"] {
            let d = out.join(dir);
            if d.is_dir() {
                std::fs::remove_dir_all(&d).map_err(|e| Error::io(&d, e))?;
            }
        }
        for (file, _) in crate::html::layout::SECTIONS {
            let f = out.join(file);
            if f.is_file() {
                std::fs::remove_file(&f).map_err(|e| Error::io(&f, e))?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let marker = out.join(MARKER);
    std::fs::write(&marker, "This folder is a policyscope report; `policyscope report` rewrites it.\n")
        .map_err(|e| Error::io(&marker, e))
}

/// Writes the whole site for `data` into `out`; returns the number of pages.
pub(crate) fn write(project: &Project, data: &StudyData, out: &Path) -> Result<usize> {
    let mut w = Writer { out, site_title: &data.title, pages: 0 };
    w.file("assets/report.css", CSS)?;
    w.file("assets/graph.js", GRAPH_JS)?;
    overview::write(&mut w, data)?;
    table::write(&mut w, data)?;
    charts::write(&mut w, data)?;
    graph::write(&mut w, data)?;
    documents::write(&mut w, project, data)?;
    codes::write(&mut w, project, data)?;
    nis::write(&mut w, project, data)?;
    Ok(w.pages)
}

/// Writes `lab.html` from scenario-lab folders; returns the number of pages.
pub(crate) fn write_lab(data: &StudyData, out: &Path, dirs: &[PathBuf]) -> Result<usize> {
    let mut w = Writer { out, site_title: &data.title, pages: 0 };
    lab::write(&mut w, dirs)?;
    Ok(w.pages)
}

/// The label of a document: the project's one label (`policyscope_corpus::label`).
pub(crate) use policyscope_corpus::label as doc_label;

/// A colour swatch for a code (colour is validated to be `#hex`).
pub(crate) fn swatch(color: &str) -> String {
    format!("<span class=\"swatch\" style=\"background:{}\"></span>", safe_color(color))
}

/// `color` if it is a `#rgb`/`#rrggbb` colour, else a neutral grey, so that a
/// colour from the database can never break out of a style attribute.
pub(crate) fn safe_color(color: &str) -> &str {
    let ok = color.starts_with('#')
        && matches!(color.len(), 4 | 7)
        && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        color
    } else {
        "#888888"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_colours_pass() {
        assert_eq!(safe_color("#a1B2c3"), "#a1B2c3");
        assert_eq!(safe_color("#abc"), "#abc");
        assert_eq!(safe_color("red;background:url(x)"), "#888888");
        assert_eq!(safe_color("#12345g"), "#888888");
    }
}
