//! The scenario-lab page of the report: the figures of real lab runs, each
//! with the model's assumptions, and every internal link resolving.

use std::path::Path;

use policyscope_corpus::Project;
use policyscope_lab::runner::{self, output};
use policyscope_lab::{sensitivity, Spec};
use policyscope_report::check::check_links;
use policyscope_report::{build_site, ReportOptions};

/// A policy-timing grid with recorded series: policy window, phase diagram
/// and phases over time.
const TIMING: &str = r#"
[experiment]
id = "timing"
model = "netchoice"
master_seed = 7
replicates = 4
record_every = 5
[design]
kind = "grid"
[design.factors]
"policy[0].t_on" = [0, 40]
"graph.kappa" = [0.05, 0.3]
[base]
n = 300
k = 3
steps = 60
blocs = [{ name = "home", share = 0.4 }, { name = "rival", share = 0.6 }]
[[base.policy]]
kind = "subsidy"
bloc = "home"
standard = 0
duration = 30
strength = 1.0
"#;

/// A Morris screening of Arthur's urn: sensitivity bars.
const SCREENING: &str =
    "[experiment]\nid = \"screening\"\nmodel = \"urn\"\nmaster_seed = 5\nreplicates = 20\n\
    [design]\nkind = \"morris\"\ntrajectories = 4\nlevels = 4\n\
    [design.factors]\na_r = { min = 0.5, max = 3.0 }\ntheta = { min = 0.5, max = 3.0 }\n\
    [base]\nkind = \"arthur\"\nsteps = 200\nr = 0.1\ns = 0.1\n";

/// Runs `spec` into `dir` as `lab run --out dir` does (and `lab sensitivity` when asked).
fn lab_run(spec: &str, dir: &Path, with_sensitivity: bool) {
    let r = Spec::parse(spec).and_then(|s| s.resolve(dir)).unwrap_or_else(|e| panic!("spec: {e}"));
    let out = runner::run(&r, Some(1)).unwrap_or_else(|e| panic!("run: {e}"));
    output::write_all(dir, &r, &out).unwrap_or_else(|e| panic!("write: {e}"));
    if with_sensitivity {
        let s = sensitivity::analyse(&r, &out, "winner", 0).unwrap_or_else(|e| panic!("sensitivity: {e}"));
        let json = serde_json::to_string(&s).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("sensitivity.json"), json).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn lab_page_shows_every_figure_with_assumptions_and_links_resolve() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (timing, screening) = (tmp.path().join("timing"), tmp.path().join("screening"));
    lab_run(TIMING, &timing, false);
    lab_run(SCREENING, &screening, true);
    let project = Project::init(&tmp.path().join("p")).unwrap_or_else(|e| panic!("{e}"));
    let site = tmp.path().join("site");
    let options = ReportOptions { lab: vec![timing, screening], ..ReportOptions::new(&site) };
    build_site(&project, &options).unwrap_or_else(|e| panic!("report: {e}"));

    let page = std::fs::read_to_string(site.join("lab.html")).unwrap_or_else(|e| panic!("lab.html: {e}"));
    for id in ["exp-0-policy-window", "exp-0-phase-diagram", "exp-0-phases-over-time", "exp-1-sensitivity"] {
        let at = page.find(&format!("<figure id=\"{id}\"><svg")).unwrap_or_else(|| panic!("no figure {id}"));
        let fig = &page[at..at + page[at..].find("</figure>").unwrap_or_else(|| panic!("{id} unclosed"))];
        assert!(
            fig.contains("<figcaption>") && fig.contains("Assumptions:"),
            "{id}: no assumptions beside it"
        );
    }
    // The network figures state the network model's assumptions, the urn's the urn's.
    assert!(page.contains("Networked coordination: agents on a fixed graph"));
    assert!(page.contains("Sequential adoption: one adopter per step"));
    assert!(page.contains("href=\"#exp-1\""), "no table of contents for two experiments");

    let index = std::fs::read_to_string(site.join("index.html")).unwrap_or_else(|e| panic!("{e}"));
    assert!(index.contains("href=\"lab.html\""), "the navigation does not lead to the lab page");
    let links = check_links(&site).unwrap_or_else(|e| panic!("{e}"));
    assert!(links.broken.is_empty(), "broken links: {:#?}", links.broken);
}

#[test]
fn a_folder_that_is_no_lab_run_is_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bogus = tmp.path().join("not-a-run");
    std::fs::create_dir_all(&bogus).unwrap_or_else(|e| panic!("{e}"));
    let project = Project::init(&tmp.path().join("p")).unwrap_or_else(|e| panic!("{e}"));
    let options = ReportOptions { lab: vec![bogus], ..ReportOptions::new(tmp.path().join("site")) };
    match build_site(&project, &options) {
        Ok(_) => panic!("a folder without provenance.json was accepted"),
        Err(e) => assert!(e.to_string().contains("not-a-run"), "{e}"),
    }
}
