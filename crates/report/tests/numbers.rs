//! The report's pages show the numbers `policyscope query` computes: the
//! code table, the trend bars and the co-occurrence cells are read back
//! from the written HTML and compared with `table`, `trend` and `cooccur`
//! over the same codings, on a small dated corpus whose codebook has
//! folders (parents that aggregate their sub-codes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use policyscope_coding::{run_codebook, Codebook, CodingFilter, CodingStore, RunOptions};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_query::{cooccur, table, trend, Selection};
use policyscope_report::{build_site, ReportOptions};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../query/tests/fixtures")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(code id, count)` of every row of the code table on `table.html`.
fn table_counts(html: &str) -> BTreeMap<i64, usize> {
    let mut out = BTreeMap::new();
    for part in html.split("<a href=\"codes/").skip(1) {
        let Some((id, rest)) = part.split_once(".html\">") else { continue };
        // Rows are `<td>` cells; the folder heading (`<th>`) carries no count.
        let Some((_, rest)) = rest.split_once("</a></td><td>") else { continue };
        let Some((_, rest)) = rest.split_once("<td class=\"num\">") else { continue };
        let Some((n, _)) = rest.split_once("</td>") else { continue };
        out.insert(id.parse().unwrap(), n.parse().unwrap());
    }
    out
}

/// Every `<title>` of the figures on `charts.html`.
fn titles(html: &str) -> BTreeSet<String> {
    html.split("<title>")
        .skip(1)
        .filter_map(|t| t.split_once("</title>"))
        .map(|(t, _)| t.to_string())
        .collect()
}

#[test]
fn report_pages_show_the_numbers_of_the_queries() {
    let tmp = tempfile::tempdir().unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    let summary =
        import_paths(&mut project, &[fixtures().join("corpus")], &ImportOptions::default(), &mut |_| {});
    assert_eq!(summary.imported(), 4, "the fixture corpus is missing: {:?}", summary.files);
    let store = CodingStore::open(&project).unwrap();
    let book = Codebook::parse(&read(&fixtures().join("codebook.toml"))).unwrap();
    run_codebook(&store, &book, RunOptions::default(), &mut |_, _| {}).unwrap();
    let out = tmp.path().join("site");
    build_site(&project, &ReportOptions::new(&out)).unwrap();

    let sel = Selection::load(&store, &CodingFilter::not_rejected()).unwrap();
    let codes = store.codes().unwrap();
    let name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();

    // The code table: every row's count is the query table's.
    let t = table(&sel);
    let shown = table_counts(&read(&out.join("table.html")));
    assert!(shown.len() >= 4, "{shown:?}");
    for (id, n) in &shown {
        let path = &codes.iter().find(|c| c.id == *id).unwrap().path;
        let row = t.codes.iter().find(|r| &r.path == path).unwrap();
        assert_eq!(*n, row.count, "{path}");
    }
    // A folder counts its sub-codes' documents once.
    let goal = t.codes.iter().find(|r| r.path == "Goal").unwrap();
    let below: BTreeSet<i64> = t
        .codes
        .iter()
        .filter(|r| r.path.starts_with("Goal/"))
        .flat_map(|r| r.documents.iter().map(|d| d.id))
        .collect();
    assert_eq!(goal.documents.iter().map(|d| d.id).collect::<BTreeSet<_>>(), below);

    let figures = titles(&read(&out.join("charts.html")));
    // Trend bars: one per code and dated year with documents, the query's count.
    let tr = trend(&store, &sel).unwrap();
    let mut bars = BTreeSet::new();
    for row in &tr.codes {
        for (y, n) in tr.years.iter().zip(&row.documents) {
            if *n > 0 && y.parse::<i32>().is_ok() {
                bars.insert(format!("{}: {n} in {y}", name(&row.path)));
            }
        }
    }
    assert!(!bars.is_empty());
    let shown_bars: BTreeSet<String> = figures.iter().filter(|t| t.contains(" in ")).cloned().collect();
    assert_eq!(shown_bars, bars);
    // Co-occurrence cells: documents coded with both, the query's count.
    let c = cooccur(&store, &sel).unwrap();
    let mut cells = BTreeSet::new();
    for (i, a) in c.codes.iter().enumerate() {
        for (j, b) in c.codes.iter().enumerate() {
            cells.insert(format!("{} × {}: {}", name(a), name(b), c.by_document[i][j]));
        }
    }
    let shown_cells: BTreeSet<String> = figures.iter().filter(|t| t.contains(" × ")).cloned().collect();
    assert_eq!(shown_cells, cells);
}
