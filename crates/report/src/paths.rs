//! Source paths as a report shows them: relative to the folder the
//! documents were imported from (`study/13-cybersecurity-law-2016.md`),
//! never the absolute path of the machine that built the report.

use std::path::{Component, Path, PathBuf};

/// The folder the shown paths are relative to: the parent of the deepest
/// folder holding every absolute path, so each shown path starts with the
/// name of the folder that was imported. `None` when that folder is too
/// near the file-system root to say anything (documents from all over the
/// machine); each path then shows its own folder and name.
pub fn import_root<'a>(paths: impl IntoIterator<Item = &'a str>) -> Option<PathBuf> {
    let mut common: Option<PathBuf> = None;
    for p in paths {
        let p = Path::new(p);
        if !p.is_absolute() {
            continue;
        }
        let dir = p.parent().unwrap_or(p);
        common = Some(match common {
            None => dir.to_path_buf(),
            Some(c) => {
                c.components().zip(dir.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
            }
        });
    }
    let common = common?;
    let named = common.components().filter(|c| matches!(c, Component::Normal(_))).count();
    (named >= 2).then(|| common.parent().map(Path::to_path_buf)).flatten()
}

/// `path` as a report shows it: relative to `root` (see [`import_root`]),
/// with `/` between folders; a path elsewhere shows its folder and file
/// name; a relative path is shown as it is.
pub fn shown_path(path: &str, root: Option<&Path>) -> String {
    let p = Path::new(path);
    if !p.is_absolute() {
        return path.to_string();
    }
    let rel: Vec<String> = match root.and_then(|r| p.strip_prefix(r).ok()) {
        Some(rest) => rest.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect(),
        None => {
            let parts: Vec<String> = p
                .components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts[parts.len().saturating_sub(2)..].to_vec()
        }
    };
    rel.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_from_the_imported_folder() {
        let paths = ["/home/ann/corpus/study/13-law.md", "/home/ann/corpus/study/en/14-pipl.md"];
        let root = import_root(paths);
        assert_eq!(root.as_deref(), Some(Path::new("/home/ann/corpus")));
        assert_eq!(shown_path(paths[0], root.as_deref()), "study/13-law.md");
        assert_eq!(shown_path(paths[1], root.as_deref()), "study/en/14-pipl.md");
        assert_eq!(shown_path("docs/a.md", root.as_deref()), "docs/a.md");
        assert_eq!(shown_path("/srv/other/x.md", root.as_deref()), "other/x.md");
    }

    #[test]
    fn documents_from_all_over_the_machine_keep_only_their_folder() {
        let paths = ["/work/shared/study/13-law.md", "/tmp/abc/fixtures/a.md"];
        let root = import_root(paths);
        assert_eq!(root, None);
        assert_eq!(shown_path(paths[0], root.as_deref()), "study/13-law.md");
        assert_eq!(shown_path(paths[1], root.as_deref()), "fixtures/a.md");
        assert_eq!(shown_path("/a.md", None), "a.md");
    }
}
