//! Structural check of a written site: every internal link names an
//! existing file (and an existing `id` when it has a `#fragment`), and no
//! page refers to anything outside the site.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// What the check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkReport {
    /// HTML pages read.
    pub pages: usize,
    /// Links and sources checked.
    pub links: usize,
    /// Problems, as `page -> target (why)`.
    pub broken: Vec<String>,
}

/// Values of attribute `name` (double-quoted, as this crate writes them) in `html`.
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn html_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let path = entry.map_err(|e| Error::io(&dir, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "html") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Undoes the escaping of an attribute value.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Checks every `href` and `src` of every page under `root`.
pub fn check_links(root: &Path) -> Result<LinkReport> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let files = html_files(&root)?;
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
        ids.insert(f.clone(), attribute_values(&text, "id").into_iter().map(unescape).collect());
        texts.insert(f.clone(), text);
    }
    let mut report = LinkReport { pages: files.len(), ..Default::default() };
    for f in &files {
        let text = &texts[f];
        let dir = f.parent().unwrap_or(&root);
        for raw in attribute_values(text, "href").into_iter().chain(attribute_values(text, "src")) {
            let target = unescape(raw);
            report.links += 1;
            let shown = || format!("{} -> {target}", f.strip_prefix(&root).unwrap_or(f).display());
            if target.starts_with("data:") {
                continue;
            }
            if target.contains("://") || target.starts_with("//") || target.starts_with('/') {
                report.broken.push(format!("{} (outside the site)", shown()));
                continue;
            }
            let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file = if path.is_empty() { f.clone() } else { dir.join(path) };
            match file.canonicalize() {
                Ok(canon) if canon.is_file() && canon.starts_with(&root) => {
                    let is_html = canon.extension().is_some_and(|x| x == "html");
                    if !fragment.is_empty()
                        && is_html
                        && !ids.get(&canon).is_some_and(|s| s.contains(fragment))
                    {
                        report.broken.push(format!("{} (no element with id `{fragment}`)", shown()));
                    }
                }
                Ok(canon) if !canon.starts_with(&root) => {
                    report.broken.push(format!("{} (outside the site)", shown()))
                }
                _ => report.broken.push(format!("{} (no such file)", shown())),
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_files_fragments_and_outside_links() {
        let tmp = tempfile::tempdir().unwrap();
        let r = tmp.path();
        std::fs::create_dir_all(r.join("docs")).unwrap();
        std::fs::write(
            r.join("index.html"),
            "<a href=\"docs/1.html#c5\">x</a><a href=\"docs/2.html\">y</a><a href=\"https://example.org/\">z</a>\
             <img src=\"data:,\"><a href=\"#top\">t</a><p id=\"top\"></p><a href=\"docs/1.html#c6\">w</a>",
        )
        .unwrap();
        std::fs::write(r.join("docs/1.html"), "<span id=\"c5\"></span><a href=\"../index.html\">back</a>")
            .unwrap();
        let report = check_links(r).unwrap();
        assert_eq!(report.pages, 2);
        assert_eq!(report.links, 7);
        assert_eq!(report.broken.len(), 3, "{:?}", report.broken);
        assert!(report.broken.iter().any(|b| b.contains("docs/2.html (no such file)")));
        assert!(report.broken.iter().any(|b| b.contains("c6") && b.contains("no element")));
        assert!(report.broken.iter().any(|b| b.contains("example.org") && b.contains("outside")));
    }
}
